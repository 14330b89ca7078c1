package gempay

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
)

// defaultConfig is the server's default config with this package's section
// attached (the registry attaches every provider's).
func defaultConfig() config.Config {
	c := config.Default()
	Descriptor().Attach(&c)
	return c
}

func TestGempayDefaultsAndValidation(t *testing.T) {
	d := defaultConfig()
	g := config.SectionOf[*Config](&d)
	assert.Equal(t, &Config{TimeWindow: 5 * time.Minute, SuccessDelay: 5 * time.Second, ProductsPerIP: 20, OrderPerIP: 100, OrderPerUser: 30, StatusPerUser: 30, RateLimitMode: "window"}, g)

	c := defaultConfig()
	require.NoError(t, c.LoadYAML([]byte("gempay:\n  time_window: 30s\n  products_per_ip: 5\n  status_per_user: 7\n")))
	require.NoError(t, c.Validate())
	assert.Equal(t, 30*time.Second, config.SectionOf[*Config](&c).TimeWindow)
	assert.Equal(t, 5, config.SectionOf[*Config](&c).ProductsPerIP)
	assert.Equal(t, 7, config.SectionOf[*Config](&c).StatusPerUser)
	assert.Equal(t, RateLimitWindow, config.SectionOf[*Config](&c).RateLimitMode, "the rolling window is the default")

	c = defaultConfig()
	require.NoError(t, c.LoadYAML([]byte("gempay:\n  rate_limit_mode: bucket\n")))
	require.NoError(t, c.Validate())
	assert.Equal(t, RateLimitBucket, config.SectionOf[*Config](&c).RateLimitMode)

	for yaml, want := range map[string]string{
		"gempay:\n  time_window: 0s\n":         "gempay.time_window",
		"gempay:\n  success_delay: -1s\n":      "gempay.success_delay",
		"gempay:\n  products_per_ip: 0\n":      "gempay.products_per_ip",
		"gempay:\n  order_per_ip: 0\n":         "gempay.order_per_ip",
		"gempay:\n  order_per_user: -3\n":      "gempay.order_per_user",
		"gempay:\n  status_per_user: 0\n":      "gempay.status_per_user",
		"gempay:\n  rate_limit_mode: leaky\n":  `gempay.rate_limit_mode: "leaky" is not "window" or "bucket"`,
		"gempay:\n  rate_limit_mode: \"\"\n":   `gempay.rate_limit_mode: "" is not "window" or "bucket"`,
		"gempay:\n  rate_limit_mode: Window\n": `gempay.rate_limit_mode: "Window" is not "window" or "bucket"`,
	} {
		c := defaultConfig()
		require.NoError(t, c.LoadYAML([]byte(yaml)))
		assert.ErrorContains(t, c.Validate(), want, yaml)
	}
}
