package geniusplugin

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
)

func TestParseGeniuspluginPrice(t *testing.T) {
	good := map[string]int64{"0": 0, "0.00": 0, "9": 900, "9.5": 950, "9.00": 900, "1500.26": 150026, "60.01": 6001}
	for s, want := range good {
		got, err := parsePrice(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{"", "-1", "1.", ".5", "1.234", "1,00", "abc", "1e3", " 1", "1234567890123"} {
		_, err := parsePrice(s)
		assert.Error(t, err, s)
	}
}

func TestGeniuspluginValidate(t *testing.T) {
	c := config.Default()
	Descriptor().Attach(&c)
	require.NoError(t, c.Validate())
	require.NoError(t, c.LoadYAML([]byte("geniusplugin:\n  strict_timestamp: true\n  reject_replay: true\n  prices:\n    10k: \"4.50\"\n")))
	require.NoError(t, c.Validate())
	g := config.SectionOf[*Config](&c)
	assert.True(t, g.StrictTimestamp)
	assert.Equal(t, "4.50", g.Prices["10k"])

	g.Prices["10k"] = "4.505"
	assert.EqualError(t, c.Validate(), `config: geniusplugin.prices.10k: "4.505" is not a non-negative decimal with at most two places`)
	g.Prices = map[string]string{"500k": "1.00"}
	assert.EqualError(t, c.Validate(), "config: geniusplugin.prices.500k: unknown package (one of Free, 10k, 20k, 40k, 100k, 200k)")
	g.Prices = nil
	g.TimestampWindow = 0
	assert.EqualError(t, c.Validate(), "config: geniusplugin.timestamp_window: 0s must be positive")
}
