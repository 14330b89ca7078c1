package geniusplugin

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/money"
)

// Config is the "geniusplugin:" section of the server config: the
// GeniusPlugin reseller emulator's settings.
type Config struct {
	// StrictTimestamp demands that the timestamp's digits be a permutation of a
	// Unix time within TimestampWindow of the mock clock.
	StrictTimestamp bool          `yaml:"strict_timestamp"`
	TimestampWindow time.Duration `yaml:"timestamp_window"`
	// RejectReplay refuses a (reseller, domain, timestamp) triple already seen
	// within TimestampWindow. The real API has no replay protection, so it is off by default.
	RejectReplay bool `yaml:"reject_replay"`
	// Prices per package, as decimal strings with at most two places ("9.00").
	// Packages left out keep their default price; an empty map means "use defaults".
	Prices map[string]string `yaml:"prices"`
}

// packageNames are the package names the emulator sells, smallest first.
func packageNames() []string {
	return []string{"Free", "10k", "20k", "40k", "100k", "200k"}
}

// SetDefaults implements config.Section.
func (g *Config) SetDefaults() {
	// The catalogue fills in the spec §6 defaults; an empty map means "use defaults".
	*g = Config{TimestampWindow: 300 * time.Second, Prices: map[string]string{}}
}

// Validate implements config.Section.
func (g *Config) Validate() error {
	if err := config.Positive("geniusplugin.timestamp_window", g.TimestampWindow); err != nil {
		return err
	}
	known := packageNames()
	names := make([]string, 0, len(g.Prices))
	for k := range g.Prices {
		names = append(names, k)
	}
	sort.Strings(names) // report the same key first on every run
	for _, k := range names {
		found := false
		for _, p := range known {
			found = found || p == k
		}
		if !found {
			return fmt.Errorf("geniusplugin.prices.%s: unknown package (one of %s)", k, strings.Join(known, ", "))
		}
		if _, err := parsePrice(g.Prices[k]); err != nil {
			return fmt.Errorf("geniusplugin.prices.%s: %w", k, err)
		}
	}
	return nil
}

// parsePrice reads a GeniusPlugin price or credit such as "9", "9.5" or
// "9.00" into cents.
func parsePrice(s string) (int64, error) { return money.ParseCents(s) }
