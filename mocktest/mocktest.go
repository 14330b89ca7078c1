// Package mocktest runs the whole mocksuite server inside a Go test: the five
// provider emulators and the control plane on a real 127.0.0.1 port, with an
// in-memory store that disappears with the test.
//
//	func TestCheckout(t *testing.T) {
//		srv := mocktest.New(t, mocktest.WithSeed(7))
//		client := gempay.NewClient(srv.URL("gempay"), "gempay-test-key-0001")
//		srv.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
//		// … exercise the client …
//		if n := srv.Count(mocktest.Filter{Provider: "gempay", Outcome: "rejected"}); n != 0 {
//			t.Errorf("%d requests were refused", n)
//		}
//	}
//
// The server is stopped, and its state dropped, when the test ends.
package mocktest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// Request is one recorded exchange: what the client sent, what the mock
// answered, its verdict and, for a refusal, the explanation.
type Request = journal.Entry

// Filter selects recorded requests; empty fields match everything.
type Filter = journal.Filter

// Outcomes of a recorded request.
const (
	OutcomeOK       = journal.OutcomeOK
	OutcomeRejected = journal.OutcomeRejected
	OutcomeError    = journal.OutcomeError
	OutcomeFault    = journal.OutcomeFault
	OutcomeOverride = journal.OutcomeOverride
)

// Option adjusts the server's configuration.
type Option func(*settings) error

type settings struct {
	cfg    config.Config
	logger *slog.Logger
}

// WithSeed makes every generated id, token and random result deterministic
// for a given call order.
func WithSeed(seed int64) Option {
	return func(s *settings) error { s.cfg.Seed = seed; return nil }
}

// WithDebug adds X-Mock-Explain headers to refused requests.
func WithDebug() Option {
	return func(s *settings) error { s.cfg.Debug = true; return nil }
}

// WithoutRateLimits switches every provider rate limiter off.
func WithoutRateLimits() Option {
	return func(s *settings) error { s.cfg.RateLimits = false; return nil }
}

// WithFixturesDir replaces the embedded fixtures with the *.yaml files of dir.
func WithFixturesDir(dir string) Option {
	return func(s *settings) error { s.cfg.FixturesDir = dir; return nil }
}

// WithConfigYAML overlays configuration in the server's YAML format (the
// same keys as the config file), for settings without an option of their own.
func WithConfigYAML(yaml string) Option {
	return func(s *settings) error { return s.cfg.LoadYAML([]byte(yaml)) }
}

// WithLogger sends the server's log to logger (it is discarded by default).
func WithLogger(logger *slog.Logger) Option {
	return func(s *settings) error { s.logger = logger; return nil }
}

// Server is a running mock server.
type Server struct {
	t      testing.TB
	app    *app.App
	base   string
	client *http.Client
}

// New starts the server on 127.0.0.1 with a free port and an in-memory store,
// and stops it when the test ends. A setup failure fails the test.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := settings{cfg: config.Default(), logger: slog.New(slog.DiscardHandler)}
	s.cfg.DB = ":memory:"
	s.cfg.Addr = "127.0.0.1:0"
	s.cfg.ShutdownTimeout = 5 * time.Second
	for _, o := range opts {
		if err := o(&s); err != nil {
			t.Fatalf("mocktest: %v", err)
		}
	}
	s.cfg.TLS.Enabled = false // HTTPS needs a port and a CA of its own: run mockserver --tls for that
	a, err := app.New(context.Background(), s.cfg, s.logger)
	if err != nil {
		t.Fatalf("mocktest: start: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = a.Close()
		t.Fatalf("mocktest: listen: %v", err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := errors.Join(<-done, a.Close()); err != nil {
			t.Errorf("mocktest: stop: %v", err)
		}
	})
	return &Server{
		t: t, app: a, base: "http://" + ln.Addr().String(),
		client: &http.Client{Timeout: 10 * time.Second},
	}
}

// BaseURL is http://127.0.0.1:PORT.
func (s *Server) BaseURL() string { return s.base }

// URL is the base URL of one provider's emulator, http://127.0.0.1:PORT/<provider>,
// where a client finds the provider's real paths.
func (s *Server) URL(provider string) string {
	s.t.Helper()
	if !slices.Contains(s.Providers(), provider) {
		s.t.Fatalf("mocktest: unknown provider %q (one of %s)", provider, strings.Join(s.Providers(), ", "))
	}
	return s.base + "/" + provider
}

// Providers names the emulated providers.
func (s *Server) Providers() []string {
	out := make([]string, 0, len(s.app.Providers))
	for _, p := range s.app.Providers {
		out = append(out, p.Name())
	}
	return out
}

// Reset restores the fixtures, clears the journal and the faults, resumes the
// clock and restarts the seeded sequences: what POST /__admin/reset does.
func (s *Server) Reset() {
	s.t.Helper()
	s.admin(http.MethodPost, "/__admin/reset", nil, nil)
}

// SetClock freezes the mock clock at at.
func (s *Server) SetClock(at time.Time) { s.app.Clock.Set(at) }

// Advance moves the mock clock forward by d.
func (s *Server) Advance(d time.Duration) { s.app.Clock.Advance(d) }

// Now is the mock time.
func (s *Server) Now() time.Time { return s.app.Clock.Now() }

// Requests returns the recorded requests matching f, newest first.
func (s *Server) Requests(f Filter) []Request { return s.app.Journal.List(f) }

// Count tells how many recorded requests match f.
func (s *Server) Count(f Filter) int { return s.app.Journal.Count(f) }

// Fault is a fault to inject (see POST /__admin/faults): Kind is one of
// status, delay, reset, empty, malformed; zero fields take the defaults
// (status 500, times 1, probability 1).
type Fault struct {
	Provider    string   `json:"provider"`
	Endpoint    string   `json:"endpoint,omitempty"`
	Kind        string   `json:"kind"`
	Status      int      `json:"status,omitempty"`
	Delay       string   `json:"delay,omitempty"`
	Times       int      `json:"times,omitempty"`
	Probability *float64 `json:"probability,omitempty"`
}

// InjectFault arms a fault for the next matching requests.
func (s *Server) InjectFault(f Fault) {
	s.t.Helper()
	s.admin(http.MethodPost, "/__admin/faults", f, nil)
}

// Account returns one account of a provider as the admin API shows it
// (GET /__admin/{provider}/accounts/{id}); an unknown id is an error.
func (s *Server) Account(provider, id string) (map[string]any, error) {
	s.t.Helper()
	_ = s.URL(provider) // fails the test on an unknown provider
	res, err := s.client.Get(s.base + "/__admin/" + provider + "/accounts/" + url.PathEscape(id))
	if err != nil {
		return nil, fmt.Errorf("mocktest: account %s/%s: %w", provider, id, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("mocktest: account %s/%s: %w", provider, id, err)
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("mocktest: account %s/%s: %d %s", provider, id, res.StatusCode, strings.TrimSpace(string(body)))
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("mocktest: account %s/%s: %w", provider, id, err)
	}
	return out, nil
}

// admin calls the control plane, failing the test on anything but 2xx.
func (s *Server) admin(method, path string, in, out any) {
	s.t.Helper()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			s.t.Fatalf("mocktest: %s %s: %v", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, body)
	if err != nil {
		s.t.Fatalf("mocktest: %s %s: %v", method, path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("mocktest: %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatalf("mocktest: %s %s: %v", method, path, err)
	}
	if res.StatusCode/100 != 2 {
		s.t.Fatalf("mocktest: %s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			s.t.Fatalf("mocktest: %s %s: %v", method, path, err)
		}
	}
}
