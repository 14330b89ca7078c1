package config

import (
	"fmt"
	"time"
)

// Geniusplugin configures the GeniusPlugin reseller emulator.
type Geniusplugin struct {
	// StrictTimestamp demands that the timestamp's digits be a permutation of a
	// Unix time within TimestampWindow of the mock clock.
	StrictTimestamp bool          `yaml:"strict_timestamp"`
	TimestampWindow time.Duration `yaml:"timestamp_window"`
	// Prices per package, as decimal strings with two places ("9.00").
	Prices map[string]string `yaml:"prices"`
}

func defaultGeniusplugin() Geniusplugin {
	// Filled with the spec §6 defaults by the provider; an empty map means "use defaults".
	return Geniusplugin{TimestampWindow: 300 * time.Second, Prices: map[string]string{}}
}

func (g *Geniusplugin) validate() error {
	if err := positive("geniusplugin.timestamp_window", g.TimestampWindow); err != nil {
		return err
	}
	for k, v := range g.Prices {
		if v == "" {
			return fmt.Errorf("geniusplugin.prices.%s: must not be empty", k)
		}
	}
	return nil
}
