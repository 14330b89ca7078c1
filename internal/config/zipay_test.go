package config

import (
	"testing"
	"time"
)

func TestZipayValidate(t *testing.T) {
	good := defaultZipay()
	good.Rates = map[string]string{"USD_IRT": "60000.5", "IRT_USD": "61000"}
	if err := good.validate(); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(z *Zipay){
		`zipay.sign_mode: "loose" is not one of strict, raw, php`:                                       func(z *Zipay) { z.SignMode = "loose" },
		"zipay.invoice_lifetime: 0s must be positive":                                                   func(z *Zipay) { z.InvoiceLifetime = 0 },
		`zipay.rates: "USD_EUR" is not one of USD_IRT, IRT_USD, USDT_IRT, IRT_USDT, USD_USDT, USDT_USD`: func(z *Zipay) { z.Rates = map[string]string{"USD_EUR": "1"} },
		`zipay.rates.USD_IRT: "1e5" is not a positive decimal like 51889.25`:                            func(z *Zipay) { z.Rates = map[string]string{"USD_IRT": "1e5"} },
		`zipay.rates.USD_IRT: "0.000" is not a positive decimal like 51889.25`:                          func(z *Zipay) { z.Rates = map[string]string{"USD_IRT": "0.000"} },
		"zipay.webhook_timeout: -1s must be positive":                                                   func(z *Zipay) { z.WebhookTimeout = -time.Second },
	}
	for want, mutate := range cases {
		z := defaultZipay()
		mutate(&z)
		if err := z.validate(); err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}
