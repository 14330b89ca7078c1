package config_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/providers"
)

func TestTypeErrorsNameKeyValueAndType(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"gempay:\n  success_delay: soon\n", `config: gempay.success_delay: "soon" is not a duration`},
		{"body_limit: abc\n", `config: body_limit: "abc" is not an integer`},
		{"rate_limits: perhaps\n", `config: rate_limits: "perhaps" is not a boolean`},
		{"trusted_proxies: 10.0.0.0/8\n", `config: trusted_proxies: "10.0.0.0/8" is not a list of strings`},
		{"trusted_proxies: [[1]]\n", `config: trusted_proxies[0]: a list is not a string`},
		{"tls: true\n", `config: tls: "true" is not a mapping`},
		{"tls:\n  enabled: {a: 1}\n", `config: tls.enabled: a mapping is not a boolean`},
		{"journal_bytes: lots\n", `config: journal_bytes: "lots" is not an integer`},
		{"idle_timeout: 2 minutes\n", `config: idle_timeout: "2 minutes" is not a duration`},
	} {
		cfg := providers.DefaultConfig()
		err := cfg.LoadYAML([]byte(c.yaml))
		require.Error(t, err, c.yaml)
		assert.Equal(t, c.want, err.Error(), c.yaml)
	}
}

func TestNewTopLevelKeys(t *testing.T) {
	cfg := providers.DefaultConfig()
	require.NoError(t, cfg.LoadYAML([]byte("admin_token: s3cret\nadmin_hosts: [mocksuite, mock.lan]\njournal_bytes: 1048576\nread_header_timeout: 2s\nread_body_timeout: 5s\nidle_timeout: 30s\n")))
	assert.Equal(t, "s3cret", cfg.AdminToken)
	assert.Equal(t, []string{"mocksuite", "mock.lan"}, cfg.AdminHosts)
	assert.Equal(t, int64(1<<20), cfg.JournalBytes)
	assert.Equal(t, []time.Duration{2 * time.Second, 5 * time.Second, 30 * time.Second}, []time.Duration{cfg.ReadHeaderTimeout, cfg.ReadBodyTimeout, cfg.IdleTimeout})
	require.NoError(t, cfg.Validate())

	require.NoError(t, cfg.ApplyEnv(func(k string) string {
		return map[string]string{"MOCK_ADMIN_TOKEN": "from-env", "MOCK_ADMIN_HOSTS": "a.lan,b.lan"}[k]
	}))
	assert.Equal(t, "from-env", cfg.AdminToken)
	assert.Equal(t, []string{"a.lan", "b.lan"}, cfg.AdminHosts)

	for _, c := range []struct {
		tweak func(*config.Config)
		want  string
	}{
		{func(c *config.Config) { c.JournalBytes = 1000 }, "config: journal_bytes: 1000 is below the minimum of 65536 bytes"},
		{func(c *config.Config) { c.ReadBodyTimeout = 0 }, "config: read_body_timeout: 0s must be positive"},
		{func(c *config.Config) { c.IdleTimeout = -time.Second }, "config: idle_timeout: -1s must be positive"},
		{func(c *config.Config) { c.AdminToken = "two words" }, "config: admin_token: must not contain spaces or line breaks"},
	} {
		cfg := providers.DefaultConfig()
		c.tweak(&cfg)
		assert.EqualError(t, cfg.Validate(), c.want)
	}
}
