package config

import "time"

// Hostdime configures the HostDime API v1 emulator.
type Hostdime struct {
	// TimestampWindow is how far api_timestamp may stray from the mock clock,
	// and how long a used api_unique is remembered.
	TimestampWindow time.Duration `yaml:"timestamp_window"`
	// HTTPErrors answers API errors with a 4xx/5xx status instead of the real API's 200.
	HTTPErrors bool `yaml:"http_errors"`
	// StrictHash accepts only the PHP json_encode form of the signed
	// parameters (escaped "/" and \uXXXX), as a PHP service would compute it;
	// by default the plain UTF-8 form of the Node and Ruby wrappers passes too.
	StrictHash bool `yaml:"strict_hash"`
}

func defaultHostdime() Hostdime { return Hostdime{TimestampWindow: 300 * time.Second} }

func (h *Hostdime) setDefaults() { *h = defaultHostdime() }

func (h *Hostdime) validate() error { return positive("hostdime.timestamp_window", h.TimestampWindow) }
