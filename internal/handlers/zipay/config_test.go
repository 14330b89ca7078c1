package zipay

import (
	"testing"
	"time"
)

// defaultConfig is the section with its defaults.
func defaultConfig() Config {
	var z Config
	z.SetDefaults()
	return z
}

func TestZipayValidate(t *testing.T) {
	good := defaultConfig()
	good.Rates = map[string]string{"USD_IRT": "60000.5", "IRT_USD": "61000"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(z *Config){
		`zipay.sign_mode: "loose" is not one of strict, raw, php`:                                       func(z *Config) { z.SignMode = "loose" },
		"zipay.invoice_lifetime: 0s must be positive":                                                   func(z *Config) { z.InvoiceLifetime = 0 },
		`zipay.rates: "USD_EUR" is not one of USD_IRT, IRT_USD, USDT_IRT, IRT_USDT, USD_USDT, USDT_USD`: func(z *Config) { z.Rates = map[string]string{"USD_EUR": "1"} },
		`zipay.rates.USD_IRT: "1e5" is not a positive decimal like 51889.25`:                            func(z *Config) { z.Rates = map[string]string{"USD_IRT": "1e5"} },
		`zipay.rates.USD_IRT: "0.000" is not a positive decimal like 51889.25`:                          func(z *Config) { z.Rates = map[string]string{"USD_IRT": "0.000"} },
		"zipay.webhook_timeout: -1s must be positive":                                                   func(z *Config) { z.WebhookTimeout = -time.Second },
		"zipay.verify_window: 0s must be positive":                                                      func(z *Config) { z.VerifyWindow = 0 },
		"zipay.webhook_attempts: 0 must be at least 1":                                                  func(z *Config) { z.WebhookAttempts = 0 },
		"zipay.webhook_backoff: -1s must be positive":                                                   func(z *Config) { z.WebhookBackoff = -time.Second },
	}
	for want, mutate := range cases {
		z := defaultConfig()
		mutate(&z)
		if err := z.Validate(); err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}
