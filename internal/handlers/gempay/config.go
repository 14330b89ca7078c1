package gempay

import (
	"fmt"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
)

// Gempay rate-limit modes: how "N requests per minute" is counted.
const (
	// RateLimitWindow allows at most N accepted requests in any rolling 60
	// seconds of the mock clock: the strict reading, and the default.
	RateLimitWindow = "window"
	// RateLimitBucket is a token bucket of burst N refilled at N a minute
	// (what x/time/rate gives): up to about 2N in a client's first minute.
	RateLimitBucket = "bucket"
)

// Config is the "gempay:" section of the server config: the Gempay top-up
// emulator's settings.
type Config struct {
	// TimeWindow is how far X-Request-Time may stray from the mock clock, either way.
	TimeWindow time.Duration `yaml:"time_window"`
	// SuccessDelay is how long an order stays Pending before it becomes Success (or Batal).
	SuccessDelay time.Duration `yaml:"success_delay"`
	// Per-minute limits; the global rate_limits switch turns them all off.
	ProductsPerIP int `yaml:"products_per_ip"`
	OrderPerIP    int `yaml:"order_per_ip"`
	OrderPerUser  int `yaml:"order_per_user"`
	StatusPerUser int `yaml:"status_per_user"`
	// RateLimitMode is RateLimitWindow or RateLimitBucket.
	RateLimitMode string `yaml:"rate_limit_mode"`
}

// SetDefaults implements config.Section.
func (g *Config) SetDefaults() {
	*g = Config{TimeWindow: 5 * time.Minute, SuccessDelay: 5 * time.Second, ProductsPerIP: 20, OrderPerIP: 100, OrderPerUser: 30, StatusPerUser: 30, RateLimitMode: RateLimitWindow}
}

// Validate implements config.Section.
func (g *Config) Validate() error {
	if err := config.Positive("gempay.time_window", g.TimeWindow); err != nil {
		return err
	}
	if err := config.Positive("gempay.success_delay", g.SuccessDelay); err != nil {
		return err
	}
	for _, c := range []struct {
		k string
		n int
	}{{"gempay.products_per_ip", g.ProductsPerIP}, {"gempay.order_per_ip", g.OrderPerIP}, {"gempay.order_per_user", g.OrderPerUser}, {"gempay.status_per_user", g.StatusPerUser}} {
		if err := config.AtLeast(c.k, c.n, 1); err != nil {
			return err
		}
	}
	if g.RateLimitMode != RateLimitWindow && g.RateLimitMode != RateLimitBucket {
		return fmt.Errorf("gempay.rate_limit_mode: %q is not %q or %q", g.RateLimitMode, RateLimitWindow, RateLimitBucket)
	}
	return nil
}
