package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An invalid overrides file stops the start with one line naming the entry
// and the field, exit 2, whether named by env or by the config file.
func TestBadOverridesFileExit2(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "overrides.yaml")
	require.NoError(t, os.WriteFile(file, []byte("- {provider: gempay, response: {body: ok}}\n- {provider: gempay, response: {status: 700, body: x}}\n"), 0o600))
	cfgFile := filepath.Join(dir, "config.yaml")
	require.NoError(t, os.WriteFile(cfgFile, []byte("overrides_file: "+file+"\n"), 0o600))
	want := "mockserver: overrides_file: " + file + ": entry 1: response.status: 700 is not an HTTP status between 100 and 599\n"

	code, _, errs := runCmd(t, map[string]string{"MOCK_OVERRIDES_FILE": file}, "--db", ":memory:", "--addr", "127.0.0.1:0")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, want, errs)

	code, _, errs = runCmd(t, nil, "--config", cfgFile, "--db", ":memory:", "--addr", "127.0.0.1:0")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, want, errs)
}
