package zipay

import (
	"fmt"
	"regexp"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
)

// Config is the "zipay:" section of the server config: the Zipay payment
// emulator's settings.
type Config struct {
	// SignMode is how api_sign is checked: "strict" (raw body and PHP rebuild must
	// both verify), "raw" (raw body only) or "php" (PHP http_build_query rebuild only).
	SignMode string `yaml:"sign_mode"`
	// VerifyWindow is how long after payment invoice-verify may complete an invoice.
	VerifyWindow time.Duration `yaml:"verify_window"`
	// InvoiceLifetime is how long an unpaid invoice can be paid before it expires.
	InvoiceLifetime time.Duration `yaml:"invoice_lifetime"`
	// WebhookAttempts and WebhookBackoff drive the webhook delivery worker:
	// attempt n+1 is due WebhookBackoff·2^(n-1) of mock time after attempt n failed.
	WebhookAttempts int           `yaml:"webhook_attempts"`
	WebhookBackoff  time.Duration `yaml:"webhook_backoff"`
	WebhookTimeout  time.Duration `yaml:"webhook_timeout"`
	// Rates maps "FROM_TO" to a decimal rate string; empty means the provider's defaults.
	// For a market BASE/QUOTE (USD/IRT, USDT/IRT, USD/USDT), "BASE_QUOTE" is the
	// sell price (QUOTE received per BASE sold) and "QUOTE_BASE" the buy price
	// (QUOTE paid per BASE bought), e.g. USD_IRT: "51889.25", IRT_USD: "53064".
	Rates map[string]string `yaml:"rates"`
}

// SetDefaults implements config.Section.
func (z *Config) SetDefaults() {
	*z = Config{SignMode: "strict", VerifyWindow: 30 * time.Minute, InvoiceLifetime: time.Hour, WebhookAttempts: 5, WebhookBackoff: time.Second, WebhookTimeout: 5 * time.Second, Rates: map[string]string{}}
}

// rateKeys are the rate names the emulator knows.
var rateKeys = map[string]bool{
	"USD_IRT": true, "IRT_USD": true, "USDT_IRT": true, "IRT_USDT": true, "USD_USDT": true, "USDT_USD": true,
}

// rateText is a positive decimal without exponent or sign.
var rateText = regexp.MustCompile(`^[0-9]{1,15}(\.[0-9]{1,18})?$`)

// Validate implements config.Section.
func (z *Config) Validate() error {
	switch z.SignMode {
	case "strict", "raw", "php":
	default:
		return fmt.Errorf("zipay.sign_mode: %q is not one of strict, raw, php", z.SignMode)
	}
	if err := config.Positive("zipay.verify_window", z.VerifyWindow); err != nil {
		return err
	}
	if err := config.Positive("zipay.invoice_lifetime", z.InvoiceLifetime); err != nil {
		return err
	}
	if err := config.AtLeast("zipay.webhook_attempts", z.WebhookAttempts, 1); err != nil {
		return err
	}
	if err := config.Positive("zipay.webhook_backoff", z.WebhookBackoff); err != nil {
		return err
	}
	for k, v := range z.Rates {
		if !rateKeys[k] {
			return fmt.Errorf("zipay.rates: %q is not one of USD_IRT, IRT_USD, USDT_IRT, IRT_USDT, USD_USDT, USDT_USD", k)
		}
		if !rateText.MatchString(v) || !nonZero(v) {
			return fmt.Errorf("zipay.rates.%s: %q is not a positive decimal like 51889.25", k, v)
		}
	}
	return config.Positive("zipay.webhook_timeout", z.WebhookTimeout)
}

func nonZero(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '1' && s[i] <= '9' {
			return true
		}
	}
	return false
}
