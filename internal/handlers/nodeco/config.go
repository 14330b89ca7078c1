package nodeco

import (
	"fmt"
	"time"

	"github.com/mocksuite/mocksuite/internal/config"
)

// Config is the "nodeco:" section of the server config: the NODE cloud
// (node.co.id / virtdedi.com) emulator's settings.
type Config struct {
	// InstallDelay is how long a created server shows "install" before "on".
	InstallDelay time.Duration `yaml:"install_delay"`
	// ReinstallDelay is how long a reinstalled server shows "reinstall" before "on".
	ReinstallDelay time.Duration `yaml:"reinstall_delay"`
	// SnapshotDelay is how long a new snapshot shows "processing" before "active".
	SnapshotDelay time.Duration `yaml:"snapshot_delay"`
	// ConsoleTTL is how long a console URL stays valid.
	ConsoleTTL time.Duration `yaml:"console_ttl"`
	// SnapshotURLTTL is how long a signed snapshot download URL stays valid.
	SnapshotURLTTL time.Duration `yaml:"snapshot_url_ttl"`
	// ErrorCode is the "code" of every failure; the real value is undocumented.
	ErrorCode string `yaml:"error_code"`
}

// SetDefaults implements config.Section.
func (n *Config) SetDefaults() {
	*n = Config{InstallDelay: 60 * time.Second, ReinstallDelay: 60 * time.Second, SnapshotDelay: 60 * time.Second,
		ConsoleTTL: 5 * time.Minute, SnapshotURLTTL: time.Hour, ErrorCode: "ERROR"}
}

// Validate implements config.Section.
func (n *Config) Validate() error {
	for _, c := range []struct {
		k string
		d time.Duration
	}{{"nodeco.install_delay", n.InstallDelay}, {"nodeco.reinstall_delay", n.ReinstallDelay}, {"nodeco.snapshot_delay", n.SnapshotDelay},
		{"nodeco.console_ttl", n.ConsoleTTL}, {"nodeco.snapshot_url_ttl", n.SnapshotURLTTL}} {
		if err := config.Positive(c.k, c.d); err != nil {
			return err
		}
	}
	// A failure must never read as success: clients only test code == "OK".
	if n.ErrorCode == "" || n.ErrorCode == "OK" {
		return fmt.Errorf("nodeco.error_code: %q must be non-empty and not \"OK\"", n.ErrorCode)
	}
	return nil
}
