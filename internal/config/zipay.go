package config

import (
	"fmt"
	"time"
)

// Zipay configures the Zipay payment emulator.
type Zipay struct {
	// SignMode is how api_sign is checked: "strict" (raw body and PHP rebuild must
	// both verify), "raw" (raw body only) or "php" (PHP http_build_query rebuild only).
	SignMode string `yaml:"sign_mode"`
	// VerifyWindow is how long after payment invoice-verify may complete an invoice.
	VerifyWindow time.Duration `yaml:"verify_window"`
	// WebhookAttempts and WebhookBackoff drive the webhook delivery worker.
	WebhookAttempts int           `yaml:"webhook_attempts"`
	WebhookBackoff  time.Duration `yaml:"webhook_backoff"`
	WebhookTimeout  time.Duration `yaml:"webhook_timeout"`
	// Rates maps "FROM_TO" to a decimal rate string; empty means the provider's defaults.
	Rates map[string]string `yaml:"rates"`
}

func defaultZipay() Zipay {
	return Zipay{SignMode: "strict", VerifyWindow: 30 * time.Minute, WebhookAttempts: 5, WebhookBackoff: time.Second, WebhookTimeout: 5 * time.Second, Rates: map[string]string{}}
}

func (z *Zipay) validate() error {
	switch z.SignMode {
	case "strict", "raw", "php":
	default:
		return fmt.Errorf("zipay.sign_mode: %q is not one of strict, raw, php", z.SignMode)
	}
	if err := positive("zipay.verify_window", z.VerifyWindow); err != nil {
		return err
	}
	if err := atLeast("zipay.webhook_attempts", z.WebhookAttempts, 1); err != nil {
		return err
	}
	if err := positive("zipay.webhook_backoff", z.WebhookBackoff); err != nil {
		return err
	}
	return positive("zipay.webhook_timeout", z.WebhookTimeout)
}
