package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCmd(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

func TestVersion(t *testing.T) {
	code, out, _ := runCmd(t, nil, "version")
	assert.Equal(t, 0, code)
	assert.Equal(t, "mockserver 0.1.0\n", out)
}

func TestUnknownCommand(t *testing.T) {
	code, _, errs := runCmd(t, nil, "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "mockserver: unknown command \"frobnicate\" (serve, healthcheck, sign, openapi, postman, version, help)\n", errs)
}

func TestFailFastOneLineExit2(t *testing.T) {
	dir := t.TempDir()
	badCfg := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(badCfg, []byte("gempay:\n  sucess_delay: 2s\n"), 0o600))
	badVal := filepath.Join(dir, "badval.yaml")
	require.NoError(t, os.WriteFile(badVal, []byte("zipay:\n  sign_mode: loose\n"), 0o600))

	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()

	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown key", nil, []string{"--config", badCfg, "--db", ":memory:", "--addr", "127.0.0.1:0"}, "sucess_delay"},
		{"bad value", nil, []string{"--config", badVal, "--db", ":memory:", "--addr", "127.0.0.1:0"}, "zipay.sign_mode"},
		{"bad env", map[string]string{"MOCK_DEBUG": "perhaps"}, []string{"--db", ":memory:", "--addr", "127.0.0.1:0"}, "MOCK_DEBUG"},
		{"missing config", nil, []string{"--config", filepath.Join(dir, "nope.yaml")}, "nope.yaml"},
		{"unreadable db", nil, []string{"--db", filepath.Join(dir, "no", "such", "dir.db"), "--addr", "127.0.0.1:0"}, "does not exist"},
		{"port in use", nil, []string{"--db", ":memory:", "--addr", busy.Addr().String()}, "address already in use"},
		{"bad flag", nil, []string{"--nope"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCmd(t, c.env, c.args...)
			assert.Equal(t, exitUsage, code)
			if c.want != "" {
				assert.Contains(t, errs, c.want)
				assert.Equal(t, 1, strings.Count(strings.TrimSpace(errs), "\n")+1, "one line: %q", errs)
				assert.True(t, strings.HasPrefix(errs, "mockserver: "), errs)
			}
		})
	}
}

func TestHealthcheck(t *testing.T) {
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/__admin/health" {
			w.Write([]byte(`{"status":"ok"}`))
			return
		}
		http.NotFound(w, r)
	}))
	defer ok.Close()
	code, _, _ := runCmd(t, nil, "healthcheck", "--url", ok.URL+"/__admin/health")
	assert.Equal(t, 0, code)
	code, _, errs := runCmd(t, nil, "healthcheck", "--url", ok.URL+"/elsewhere")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, errs, "unhealthy: status 404")
	ok.Close()
	code, _, _ = runCmd(t, nil, "healthcheck", "--url", ok.URL+"/__admin/health")
	assert.Equal(t, exitFail, code)
}
