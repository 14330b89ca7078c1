package nodeco

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
)

// Each bad value is refused naming its own key: the test fails if a
// duration is checked under another key's name, or not at all.
func TestNodecoValidate(t *testing.T) {
	c := config.Default()
	Descriptor().Attach(&c) // the registry attaches every provider's section
	require.NoError(t, c.Validate())
	cases := map[string]string{
		"nodeco:\n  install_delay: 0s\n":    "config: nodeco.install_delay: 0s must be positive",
		"nodeco:\n  reinstall_delay: -1s\n": "config: nodeco.reinstall_delay: -1s must be positive",
		"nodeco:\n  snapshot_delay: 0s\n":   "config: nodeco.snapshot_delay: 0s must be positive",
		"nodeco:\n  console_ttl: 0s\n":      "config: nodeco.console_ttl: 0s must be positive",
		"nodeco:\n  snapshot_url_ttl: 0s\n": "config: nodeco.snapshot_url_ttl: 0s must be positive",
		"nodeco:\n  error_code: OK\n":       `config: nodeco.error_code: "OK" must be non-empty and not "OK"`,
		"nodeco:\n  error_code: \"\"\n":     `config: nodeco.error_code: "" must be non-empty and not "OK"`,
	}
	for yml, want := range cases {
		c := config.Default()
		Descriptor().Attach(&c)
		require.NoError(t, c.LoadYAML([]byte(yml)), yml)
		assert.EqualError(t, c.Validate(), want, yml)
	}
}
