package config_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
	"github.com/mocksuite/mocksuite/internal/providers"
)

func TestDefaultsValidate(t *testing.T) {
	c := providers.DefaultConfig()
	require.NoError(t, c.Validate())
	assert.Equal(t, "127.0.0.1:8080", c.Addr)
	assert.Equal(t, "mocksuite.db", c.DB)
	assert.Equal(t, int64(1<<20), c.BodyLimit)
	assert.Equal(t, 1000, c.JournalSize)
}

func TestYAMLOverridesAndUnknownKeys(t *testing.T) {
	c := providers.DefaultConfig()
	require.NoError(t, c.LoadYAML([]byte("debug: true\ngempay:\n  success_delay: 2s\n  order_per_user: 3\n")))
	assert.True(t, c.Debug)
	g := config.SectionOf[*gempay.Config](&c)
	assert.Equal(t, 2*time.Second, g.SuccessDelay)
	assert.Equal(t, 3, g.OrderPerUser)
	assert.Equal(t, 100, g.OrderPerIP, "untouched keys keep defaults")

	c = providers.DefaultConfig()
	err := c.LoadYAML([]byte("gempay:\n  sucess_delay: 2s\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sucess_delay")

	c = providers.DefaultConfig()
	err = c.LoadYAML([]byte("hostdime:\n  timestamp_window: soon\n"))
	require.Error(t, err)
}

func TestValidateNamesKey(t *testing.T) {
	cases := map[string]string{
		"zipay:\n  sign_mode: loose\n":            "zipay.sign_mode",
		"nodeco:\n  install_delay: -1s\n":         "nodeco.install_delay",
		"trusted_proxies: [\"10.0.0.0/33\"]\n":    "trusted_proxies",
		"body_limit: 10\n":                        "body_limit",
		"gempay:\n  products_per_ip: 0\n":         "gempay.products_per_ip",
		"geniusplugin:\n  timestamp_window: 0s\n": "geniusplugin.timestamp_window",
		"hostdime:\n  timestamp_window: 0s\n":     "hostdime.timestamp_window",
		"journal_size: 0\n":                       "journal_size",
	}
	for text, key := range cases {
		c := providers.DefaultConfig()
		require.NoError(t, c.LoadYAML([]byte(text)), text)
		err := c.Validate()
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), key)
	}
}

func TestEnvAndFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	require.NoError(t, os.WriteFile(p, []byte("addr: 127.0.0.1:9999\n"), 0o600))
	c := providers.DefaultConfig()
	require.NoError(t, c.LoadFile(p))
	assert.Equal(t, "127.0.0.1:9999", c.Addr)
	env := map[string]string{"MOCK_ADDR": "127.0.0.1:0", "MOCK_DB": ":memory:", "MOCK_DEBUG": "1", "MOCK_SEED": "42"}
	require.NoError(t, c.ApplyEnv(func(k string) string { return env[k] }))
	assert.Equal(t, "127.0.0.1:0", c.Addr)
	assert.Equal(t, ":memory:", c.DB)
	assert.True(t, c.Debug)
	assert.Equal(t, int64(42), c.Seed)
	env["MOCK_DEBUG"] = "maybe"
	assert.ErrorContains(t, c.ApplyEnv(func(k string) string { return env[k] }), "MOCK_DEBUG")
	assert.Error(t, c.LoadFile(filepath.Join(dir, "missing.yaml")))
}
