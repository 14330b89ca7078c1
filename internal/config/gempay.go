package config

import "time"

// Gempay configures the Gempay top-up emulator.
type Gempay struct {
	// TimeWindow is how far X-Request-Time may stray from the mock clock, either way.
	TimeWindow time.Duration `yaml:"time_window"`
	// SuccessDelay is how long an order stays Pending before it becomes Success (or Batal).
	SuccessDelay time.Duration `yaml:"success_delay"`
	// Per-minute limits; the global rate_limits switch turns them all off.
	ProductsPerIP int `yaml:"products_per_ip"`
	OrderPerIP    int `yaml:"order_per_ip"`
	OrderPerUser  int `yaml:"order_per_user"`
	StatusPerUser int `yaml:"status_per_user"`
}

func defaultGempay() Gempay {
	return Gempay{TimeWindow: 5 * time.Minute, SuccessDelay: 5 * time.Second, ProductsPerIP: 20, OrderPerIP: 100, OrderPerUser: 30, StatusPerUser: 30}
}

func (g *Gempay) setDefaults() { *g = defaultGempay() }

func (g *Gempay) validate() error {
	if err := positive("gempay.time_window", g.TimeWindow); err != nil {
		return err
	}
	if err := positive("gempay.success_delay", g.SuccessDelay); err != nil {
		return err
	}
	for _, c := range []struct {
		k string
		n int
	}{{"gempay.products_per_ip", g.ProductsPerIP}, {"gempay.order_per_ip", g.OrderPerIP}, {"gempay.order_per_user", g.OrderPerUser}, {"gempay.status_per_user", g.StatusPerUser}} {
		if err := atLeast(c.k, c.n, 1); err != nil {
			return err
		}
	}
	return nil
}
