// Package config holds the one Config struct of the server: its defaults, the
// optional YAML file that overrides them, MOCK_* environment overrides and the
// validation that names the offending key.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/internal/guard"
)

// Config is everything the server can be told at start.
type Config struct {
	// Addr is the HTTP listen address; port 0 picks a free port.
	Addr string `yaml:"addr"`
	// DB is the SQLite file, or ":memory:" for throw-away state.
	DB string `yaml:"db"`
	// Debug adds X-Mock-Explain headers to refused requests.
	Debug bool `yaml:"debug"`
	// Seed, when not zero, makes every generated id, token and random result
	// deterministic for a given call order.
	Seed int64 `yaml:"seed"`
	// FixturesDir, when set, replaces the embedded fixtures with *.yaml files from that directory.
	FixturesDir string `yaml:"fixtures_dir"`
	// OverridesFile, when set, is a YAML or JSON list of response overrides loaded at start.
	OverridesFile string `yaml:"overrides_file"`
	// TrustedProxies are the peers whose X-Forwarded-For is believed (CIDR or single IPs).
	TrustedProxies []string `yaml:"trusted_proxies"`
	// BodyLimit caps request bodies, in bytes.
	BodyLimit int64 `yaml:"body_limit"`
	// JournalSize is how many recent exchanges the request journal keeps.
	JournalSize int `yaml:"journal_size"`
	// ShutdownTimeout bounds how long in-flight requests may finish after SIGTERM.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// RateLimits switches every provider rate limiter on or off (off for load tests).
	RateLimits bool `yaml:"rate_limits"`
	// TLS serves HTTPS under the providers' real host names beside plain HTTP.
	TLS TLS `yaml:"tls"`
	// AdminToken, when set, is the bearer token every /__admin route but
	// GET /__admin/health requires.
	AdminToken string `yaml:"admin_token"`
	// AdminHosts are Host names the control plane answers besides loopback
	// names and addresses and the listen address (DNS-rebinding guard).
	AdminHosts []string `yaml:"admin_hosts"`
	// JournalBytes bounds the journal's memory, besides its entry count.
	JournalBytes int64 `yaml:"journal_bytes"`
	// Slow-client timeouts of the listeners: the request headers, then the
	// body, must arrive within these; an idle keep-alive connection is closed.
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout"`
	ReadBodyTimeout   time.Duration `yaml:"read_body_timeout"`
	IdleTimeout       time.Duration `yaml:"idle_timeout"`

	// sections are the provider sections (top-level keys "nodeco:",
	// "gempay:", …), attached by the provider registry; see Attach.
	sections []section
}

// Default returns the global keys the server runs with when told nothing,
// and no provider sections: providers.DefaultConfig adds every provider's.
func Default() Config {
	return Config{
		Addr:              "127.0.0.1:8080",
		DB:                "mocksuite.db",
		TrustedProxies:    []string{"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"},
		BodyLimit:         1 << 20,
		JournalSize:       1000,
		JournalBytes:      16 << 20,
		ReadHeaderTimeout: 10 * time.Second,
		ReadBodyTimeout:   60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ShutdownTimeout:   10 * time.Second,
		RateLimits:        true,
		TLS:               TLS{Addr: "127.0.0.1:8443"},
	}
}

// LoadFile overlays the YAML file at path onto c. Unknown keys are errors.
func (c *Config) LoadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: read %s: %w", path, err)
	}
	return c.LoadYAML(data)
}

// LoadYAML overlays YAML text onto c, its sections included. Unknown keys,
// at any level, are errors that name the key.
func (c *Config) LoadYAML(data []byte) error {
	target := c.decodeTarget()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(target.v.Interface())
	target.store(c)
	if err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			if p := typeProblem(data, target.v.Interface()); p != "" {
				return fmt.Errorf("config: %s", p)
			}
			// The decode target is built at run time; its type reads as
			// a struct literal: name it as the operator knows it.
			anon, named := target.v.Type().Elem().String(), reflect.TypeFor[Config]().String()
			msgs := make([]string, len(te.Errors))
			for i, m := range te.Errors {
				msgs[i] = strings.ReplaceAll(m, anon, named)
			}
			// One line per problem reads badly in a start-up failure: join them.
			return fmt.Errorf("config: %s", strings.Join(msgs, "; "))
		}
		return fmt.Errorf("config: %w", err)
	}
	return nil
}

// ApplyEnv overlays MOCK_* environment variables (looked up through getenv) onto c.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	if v := getenv("MOCK_ADDR"); v != "" {
		c.Addr = v
	}
	if v := getenv("MOCK_DB"); v != "" {
		c.DB = v
	}
	if v := getenv("MOCK_ADMIN_TOKEN"); v != "" {
		c.AdminToken = v
	}
	if v := getenv("MOCK_ADMIN_HOSTS"); v != "" {
		c.AdminHosts = strings.Split(v, ",")
	}
	if v := getenv("MOCK_FIXTURES_DIR"); v != "" {
		c.FixturesDir = v
	}
	if v := getenv("MOCK_OVERRIDES_FILE"); v != "" {
		c.OverridesFile = v
	}
	if v := getenv("MOCK_DEBUG"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("config: MOCK_DEBUG: %q is not a boolean", v)
		}
		c.Debug = b
	}
	if v := getenv("MOCK_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("config: MOCK_SEED: %q is not an integer", v)
		}
		c.Seed = n
	}
	if err := c.TLS.applyEnv(getenv); err != nil {
		return err
	}
	if v := getenv("MOCK_RATE_LIMITS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("config: MOCK_RATE_LIMITS: %q is not a boolean", v)
		}
		c.RateLimits = b
	}
	return nil
}

// Validate checks every value and names the first bad key.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.Addr) == "" {
		return errors.New("config: addr: must not be empty")
	}
	if strings.TrimSpace(c.DB) == "" {
		return errors.New("config: db: must not be empty")
	}
	if _, err := c.TrustedPrefixes(); err != nil {
		return err
	}
	if c.BodyLimit < 1024 {
		return fmt.Errorf("config: body_limit: %d is below the minimum of 1024 bytes", c.BodyLimit)
	}
	if c.JournalSize < 1 {
		return fmt.Errorf("config: journal_size: %d must be at least 1", c.JournalSize)
	}
	if c.JournalBytes < 64<<10 {
		return fmt.Errorf("config: journal_bytes: %d is below the minimum of 65536 bytes", c.JournalBytes)
	}
	for _, t := range []struct {
		key string
		d   time.Duration
	}{{"read_header_timeout", c.ReadHeaderTimeout}, {"read_body_timeout", c.ReadBodyTimeout}, {"idle_timeout", c.IdleTimeout}} {
		if err := Positive(t.key, t.d); err != nil {
			return fmt.Errorf("config: %w", err)
		}
	}
	if strings.ContainsAny(c.AdminToken, " \t\r\n") {
		return errors.New("config: admin_token: must not contain spaces or line breaks")
	}
	if c.ShutdownTimeout <= 0 {
		return fmt.Errorf("config: shutdown_timeout: %s must be positive", c.ShutdownTimeout)
	}
	if err := c.TLS.validate(); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	for _, s := range c.sections {
		if err := s.s.Validate(); err != nil {
			return fmt.Errorf("config: %w", err)
		}
	}
	return nil
}

// TrustedPrefixes parses TrustedProxies.
func (c *Config) TrustedPrefixes() ([]netip.Prefix, error) {
	out, err := guard.ParsePrefixes(c.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("config: trusted_proxies: %w", err)
	}
	return out, nil
}

// Positive checks a duration key that must be > 0 (sections use it too).
func Positive(key string, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("%s: %s must be positive", key, d)
	}
	return nil
}

// AtLeast checks a count key against its minimum (sections use it too).
func AtLeast(key string, n, min int) error {
	if n < min {
		return fmt.Errorf("%s: %d must be at least %d", key, n, min)
	}
	return nil
}

// TLS configures the HTTPS listener.
type TLS struct {
	// Enabled turns the HTTPS listener on.
	Enabled bool `yaml:"enabled"`
	// Addr is the HTTPS listen address.
	Addr string `yaml:"addr"`
	// Cert and Key are your own certificate pair; without them the server
	// signs one with its local CA.
	Cert string `yaml:"cert"`
	Key  string `yaml:"key"`
	// CADir is where the local CA is created once and kept; empty means beside
	// the DB file, or $TMPDIR/mocksuite for a ":memory:" DB.
	CADir string `yaml:"ca_dir"`
	// CAOut, when set, is where the CA certificate is also written for clients.
	CAOut string `yaml:"ca_out"`
}

func (t *TLS) applyEnv(getenv func(string) string) error {
	if v := getenv("MOCK_TLS"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("config: MOCK_TLS: %q is not a boolean", v)
		}
		t.Enabled = b
	}
	for name, field := range map[string]*string{
		"MOCK_TLS_ADDR": &t.Addr, "MOCK_TLS_CERT": &t.Cert, "MOCK_TLS_KEY": &t.Key,
		"MOCK_TLS_CA_DIR": &t.CADir, "MOCK_TLS_CA_OUT": &t.CAOut,
	} {
		if v := getenv(name); v != "" {
			*field = v
		}
	}
	return nil
}

func (t *TLS) validate() error {
	if !t.Enabled {
		return nil
	}
	if strings.TrimSpace(t.Addr) == "" {
		return errors.New("tls.addr: must not be empty when tls is enabled")
	}
	if (t.Cert == "") != (t.Key == "") {
		return errors.New("tls.cert, tls.key: give both or neither")
	}
	if t.Cert != "" && t.CAOut != "" {
		return errors.New("tls.ca_out: the local CA is not used with your own tls.cert; give clients your own CA")
	}
	return nil
}

// CADirFor is where the local CA lives: tls.ca_dir, else the DB's directory,
// else (for a ":memory:" DB) a mocksuite directory in the system temp dir, so
// that throw-away runs still share one CA that clients trust once.
func (c *Config) CADirFor() string {
	switch {
	case c.TLS.CADir != "":
		return c.TLS.CADir
	case c.DB == ":memory:":
		return filepath.Join(os.TempDir(), "mocksuite")
	default:
		return filepath.Dir(c.DB)
	}
}
