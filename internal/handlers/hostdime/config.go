package hostdime

import (
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
)

// Config is the "hostdime:" section of the server config: the HostDime API
// v1 emulator's settings.
type Config struct {
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

// SetDefaults implements config.Section.
func (h *Config) SetDefaults() { *h = Config{TimestampWindow: 300 * time.Second} }

// Validate implements config.Section.
func (h *Config) Validate() error {
	return config.Positive("hostdime.timestamp_window", h.TimestampWindow)
}
