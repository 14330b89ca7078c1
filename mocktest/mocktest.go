// Package mocktest runs the whole mocksuite server inside a Go test: the five
// provider emulators and the control plane on a real 127.0.0.1 port, with an
// in-memory store that disappears with the test.
//
//	func TestProducts(t *testing.T) {
//		srv := mocktest.New(t, mocktest.WithSeed(7))
//		srv.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
//		// Your client, pointed at srv.URL("gempay") with a fixture key:
//		req, _ := http.NewRequest("GET", srv.URL("gempay")+"/api/products", nil)
//		req.Header.Set("Authorization", "Bearer "+mocksign.Gempay.APIKey)
//		res, err := http.DefaultClient.Do(req)
//		if err != nil {
//			t.Fatal(err)
//		}
//		res.Body.Close()
//		if n := srv.Count(mocktest.Filter{Provider: "gempay", Outcome: mocktest.OutcomeRejected}); n != 0 {
//			t.Errorf("%d requests were refused: %+v", n, srv.Requests(mocktest.Filter{Outcome: mocktest.OutcomeRejected}))
//		}
//	}
//
// The server is stopped, and its state dropped, when the test ends. Outside
// a test (TestMain, a program), Start and Close do the same by hand. Package
// mocksign signs requests and holds the fixture credentials.
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
	"sync"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// Request is one recorded exchange: what the client sent, what the mock
// answered, its verdict and, for a refusal, the explanation. The JSON names
// are those of GET /__admin/requests but for Duration, which that API gives
// in milliseconds as duration_ms; its override_id is not carried.
type Request struct {
	// ID numbers the exchanges of a server from 1, in arrival order.
	ID int64 `json:"id"`
	// Time is when the request arrived, by the mock clock.
	Time time.Time `json:"time"`
	// Provider is the emulator that served it ("gempay", "virtdedi", …).
	Provider string `json:"provider"`
	// Endpoint is the provider's name for what was called ("order",
	// "server.power.cycle", …); "unknown" for a path it does not serve.
	Endpoint string `json:"endpoint"`
	// Method and Path are as the provider saw them: Path without the
	// /<provider> prefix. Query is the raw query string.
	Method string `json:"method"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	// ClientIP is the caller's address as the provider's IP rules saw it.
	ClientIP string `json:"client_ip"`
	// Status is the HTTP status answered.
	Status int `json:"status"`
	// Outcome is the verdict: OutcomeOK, OutcomeRejected, OutcomeError,
	// OutcomeFault or OutcomeOverride.
	Outcome string `json:"outcome"`
	// Reason is a refusal's code (signature_mismatch, ip_not_whitelisted,
	// rate_limited, timestamp_invalid, validation, not_found, …).
	Reason string `json:"reason,omitempty"`
	// Explanation says in words why a request was refused: what was
	// expected, what came, and what was compared.
	Explanation string `json:"explanation,omitempty"`
	// Duration is how long the answer took.
	Duration time.Duration `json:"duration"`
	// RequestHeaders are the request's headers, secrets masked.
	RequestHeaders map[string]string `json:"request_headers,omitempty"`
	// RequestBody and ResponseBody are the bodies, cut after 4 KiB.
	RequestBody  string `json:"request_body,omitempty"`
	ResponseBody string `json:"response_body,omitempty"`
}

// Filter selects recorded requests. Empty fields match everything; a name
// that no provider uses (a typo) fails the test instead of matching nothing.
type Filter struct {
	// Provider is an emulator's name, as Providers lists them.
	Provider string
	// Endpoint is a provider's endpoint name, as Request.Endpoint shows them.
	Endpoint string
	// Outcome is OutcomeOK, OutcomeRejected, OutcomeError, OutcomeFault or OutcomeOverride.
	Outcome string
	// Limit caps how many requests Requests returns (0: all it keeps).
	Limit int
}

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

// WithAdminToken makes the control plane require token (as --admin-token
// does); the Server's own helpers send it.
func WithAdminToken(token string) Option {
	return func(s *settings) error { s.cfg.AdminToken = token; return nil }
}

// WithLogger sends the server's log to logger (it is discarded by default).
func WithLogger(logger *slog.Logger) Option {
	return func(s *settings) error { s.logger = logger; return nil }
}

// Server is a running mock server.
type Server struct {
	t      testing.TB // nil for a server from Start: failures panic
	app    *app.App
	base   string
	client *http.Client
	stop   func() error
}

// New starts the server on 127.0.0.1 with a free port and an in-memory store,
// and stops it when the test ends. A setup failure fails the test, and so
// does a failing call on the server.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatalf("%v", err)
	}
	s.t = t
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("%v", err)
		}
	})
	return s
}

// Start is New outside a test (TestMain, an example, a program): the caller
// stops the server with Close. A failing call on it (an unknown provider, a
// refused fault) panics with the reason, as there is no test to fail.
func Start(opts ...Option) (*Server, error) {
	s := settings{cfg: providers.DefaultConfig(), logger: slog.New(slog.DiscardHandler)}
	s.cfg.DB = ":memory:"
	s.cfg.Addr = "127.0.0.1:0"
	s.cfg.ShutdownTimeout = 5 * time.Second
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, fmt.Errorf("mocktest: %w", err)
		}
	}
	s.cfg.TLS.Enabled = false // HTTPS needs a port and a CA of its own: run mockserver --tls for that
	a, err := app.New(context.Background(), s.cfg, s.logger)
	if err != nil {
		return nil, fmt.Errorf("mocktest: start: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = a.Close()
		return nil, fmt.Errorf("mocktest: listen: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	stop := sync.OnceValue(func() error {
		cancel()
		if err := errors.Join(<-done, a.Close()); err != nil {
			return fmt.Errorf("mocktest: stop: %w", err)
		}
		return nil
	})
	return &Server{app: a, base: "http://" + ln.Addr().String(), client: &http.Client{Timeout: 10 * time.Second}, stop: stop}, nil
}

// Close stops the server and drops its state. New calls it when the test
// ends; calling it again does nothing.
func (s *Server) Close() error { return s.stop() }

// fatalf fails the test, or panics for a server from Start.
func (s *Server) fatalf(format string, args ...any) {
	if s.t != nil {
		s.t.Helper()
		s.t.Fatalf(format, args...)
		return
	}
	panic(fmt.Sprintf(format, args...))
}

// helper marks the caller as a test helper when there is a test.
func (s *Server) helper() {
	if s.t != nil {
		s.t.Helper()
	}
}

// AdminToken is the control plane's token ("" when it needs none), for
// requests to /__admin/… of your own: "Authorization: Bearer <token>".
func (s *Server) AdminToken() string { return s.app.Config.AdminToken }

// authorize adds the admin token to a control-plane request when one is set.
func (s *Server) authorize(req *http.Request) {
	if tok := s.AdminToken(); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
}

// BaseURL is http://127.0.0.1:PORT.
func (s *Server) BaseURL() string { return s.base }

// URL is the base URL of one provider's emulator, http://127.0.0.1:PORT/<provider>,
// where a client finds the provider's real paths.
func (s *Server) URL(provider string) string {
	s.helper()
	if !slices.Contains(s.Providers(), provider) {
		s.fatalf("mocktest: unknown provider %q (one of %s)", provider, strings.Join(s.Providers(), ", "))
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
	s.helper()
	s.admin(http.MethodPost, "/__admin/reset", nil, nil)
}

// SetClock freezes the mock clock at at.
func (s *Server) SetClock(at time.Time) { s.app.Clock.Set(at) }

// Advance moves the mock clock forward by d.
func (s *Server) Advance(d time.Duration) { s.app.Clock.Advance(d) }

// Now is the mock time.
func (s *Server) Now() time.Time { return s.app.Clock.Now() }

// Requests returns the recorded requests matching f, newest first.
func (s *Server) Requests(f Filter) []Request {
	s.helper()
	entries := s.app.Journal.List(s.journalFilter(f))
	out := make([]Request, len(entries))
	for i, e := range entries {
		out[i] = Request{ID: e.ID, Time: e.Time, Provider: e.Provider, Endpoint: e.Endpoint, Method: e.Method, Path: e.Path,
			Query: e.Query, ClientIP: e.ClientIP, Status: e.Status, Outcome: e.Outcome, Reason: e.Reason, Explanation: e.Explanation,
			Duration: time.Duration(e.DurationMS * float64(time.Millisecond)), RequestHeaders: e.RequestHdr,
			RequestBody: e.RequestBody, ResponseBody: e.ResponseBody}
	}
	return out
}

// Count tells how many recorded requests match f.
func (s *Server) Count(f Filter) int {
	s.helper()
	return s.app.Journal.Count(s.journalFilter(f))
}

// journalFilter checks f's names as GET /__admin/requests does, so that a
// typo in an assertion fails instead of counting nothing.
func (s *Server) journalFilter(f Filter) journal.Filter {
	s.helper()
	q := url.Values{}
	for k, v := range map[string]string{"provider": f.Provider, "endpoint": f.Endpoint, "outcome": f.Outcome} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if len(q) > 0 {
		s.admin(http.MethodGet, "/__admin/requests/count?"+q.Encode(), nil, nil)
	}
	// The same fields as journal.Filter: a field added to one and not the
	// other stops this conversion from compiling.
	return journal.Filter(f)
}

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
	s.helper()
	s.admin(http.MethodPost, "/__admin/faults", f, nil)
}

// Account returns one account of a provider as the admin API shows it
// (GET /__admin/{provider}/accounts/{id}); an unknown id is an error.
func (s *Server) Account(provider, id string) (map[string]any, error) {
	s.helper()
	_ = s.URL(provider) // fails the test on an unknown provider
	req, err := http.NewRequest(http.MethodGet, s.base+"/__admin/"+provider+"/accounts/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, fmt.Errorf("mocktest: account %s/%s: %w", provider, id, err)
	}
	s.authorize(req)
	res, err := s.client.Do(req)
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
	s.helper()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			s.fatalf("mocktest: %s %s: %v", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+path, body)
	if err != nil {
		s.fatalf("mocktest: %s %s: %v", method, path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	s.authorize(req)
	res, err := s.client.Do(req)
	if err != nil {
		s.fatalf("mocktest: %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.fatalf("mocktest: %s %s: %v", method, path, err)
	}
	if res.StatusCode/100 != 2 {
		s.fatalf("mocktest: %s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			s.fatalf("mocktest: %s %s: %v", method, path, err)
		}
	}
}
