// Package faults injects failures into provider traffic on request of the
// control plane: an error status in the provider's own envelope, a delay, a
// closed connection, an empty or a truncated body. A fault applies to the next
// matching requests, `times` of them, and is then gone.
package faults

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// Kinds of fault.
const (
	KindStatus    = "status"
	KindDelay     = "delay"
	KindReset     = "reset"
	KindEmpty     = "empty"
	KindMalformed = "malformed"
)

// MaxDelay bounds a delay so that a forgotten fault cannot hold a request (and
// a graceful shutdown) for long.
const MaxDelay = 5 * time.Minute

// MalformedBody is what a malformed fault answers: a JSON document cut short.
const MalformedBody = `{"status":"succ`

// Fault is one armed fault as the admin API shows it.
type Fault struct {
	ID          int64   `json:"id"`
	Provider    string  `json:"provider"`
	Endpoint    string  `json:"endpoint,omitempty"`
	Kind        string  `json:"kind"`
	Status      int     `json:"status,omitempty"`
	Delay       string  `json:"delay,omitempty"`
	Times       int     `json:"times"` // applications left
	Probability float64 `json:"probability"`

	delay time.Duration
}

// Target is a provider faults can be armed for.
type Target struct {
	Name string
	// ContentType is the Content-Type of the provider's error envelope for a
	// request (the provider registry's FailureContentType): a malformed fault
	// answers with it, so the client parses the cut body as the real one.
	ContentType func(r *http.Request) string
}

// Registry holds the armed faults. It is safe for concurrent use.
type Registry struct {
	providers map[string]Target
	names     []string            // in the order given, for error messages
	endpoints map[string][]string // provider → its endpoint names, sorted (set before serving)
	rng       *ids.Source
	logger    *slog.Logger

	mu     sync.Mutex
	faults []*Fault // in creation order: the oldest matching fault applies
	lastID int64
}

// New returns an empty registry for the given providers. Probabilities are
// drawn from rng so that a seeded server decides the same way every run.
func New(providers []Target, rng *ids.Source, logger *slog.Logger) *Registry {
	r := &Registry{providers: map[string]Target{}, rng: rng, logger: logger}
	for _, p := range providers {
		r.providers[p.Name] = p
		r.names = append(r.names, p.Name)
	}
	return r
}

// List returns the armed faults, oldest first.
func (g *Registry) List() []Fault {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]Fault, 0, len(g.faults))
	for _, f := range g.faults {
		out = append(out, *f)
	}
	return out
}

// Add arms a validated fault and returns it with its id.
func (g *Registry) Add(f Fault) Fault {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.lastID++
	f.ID = g.lastID
	g.faults = append(g.faults, &f)
	return f
}

// Remove disarms the fault with id; it reports whether there was one.
func (g *Registry) Remove(id int64) (Fault, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, f := range g.faults {
		if f.ID == id {
			g.faults = append(g.faults[:i], g.faults[i+1:]...)
			return *f, true
		}
	}
	return Fault{}, false
}

// Clear disarms the faults of one provider, or all of them when provider is "".
func (g *Registry) Clear(provider string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if provider == "" {
		g.faults = nil
		return
	}
	keep := g.faults[:0]
	for _, f := range g.faults {
		if f.Provider != provider {
			keep = append(keep, f)
		}
	}
	clear(g.faults[len(keep):])
	g.faults = keep
}

// EndpointKey names the endpoint of a request path (the provider's real path,
// without the /<provider> prefix) the way fault endpoints are written: the
// last segment without its extension ("/api/v1/getcredit/" → "getcredit"),
// or for hostdime the dotted method ("/v1/server/power/cycle.json" →
// "server.power.cycle").
func EndpointKey(provider, p string) string {
	if provider == "hostdime" {
		if rest, ok := strings.CutPrefix(p, "/v1/"); ok {
			rest = strings.Trim(rest, "/")
			rest = strings.TrimSuffix(rest, path.Ext(rest))
			return strings.ReplaceAll(rest, "/", ".")
		}
	}
	p = strings.TrimRight(p, "/")
	seg := p[strings.LastIndex(p, "/")+1:]
	return strings.TrimSuffix(seg, path.Ext(seg))
}

// take picks the fault that applies to a request, if any, and counts the
// application. Matching and counting happen under one lock so that a fault
// with times=1 hits exactly one of two concurrent requests.
func (g *Registry) take(provider, endpoint string) (Fault, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, f := range g.faults {
		if f.Provider != provider || (f.Endpoint != "" && !strings.EqualFold(f.Endpoint, endpoint)) {
			continue
		}
		if !g.fires(f.Probability) {
			continue
		}
		f.Times--
		applied := *f
		if f.Times <= 0 {
			g.faults = append(g.faults[:i], g.faults[i+1:]...)
		}
		return applied, true
	}
	return Fault{}, false
}

// fires draws against p. Certain outcomes draw nothing, so that faults with
// probability 1 leave the seeded sequence of generated ids untouched.
func (g *Registry) fires(p float64) bool {
	switch {
	case p >= 1:
		return true
	case p <= 0:
		return false
	}
	const scale = 1 << 53 // every float64 in [0,1) with this spacing is exact
	return float64(g.rng.IntN(scale))/scale < p
}

// Intercept implements handlers.Interceptor: it answers the request when an
// armed fault matches it, and reports whether it did. A delay fault waits and
// then lets the provider answer.
func (g *Registry) Intercept(w http.ResponseWriter, r *http.Request, p handlers.Provider) bool {
	name := p.Name()
	key := requestEndpoint(name, r)
	f, ok := g.take(name, key)
	if !ok {
		return false
	}
	if f.Kind != KindDelay {
		// The provider will not run to name the endpoint: name it as the fault
		// matched it, so that count?endpoint=…&outcome=fault finds it.
		journal.SetEndpoint(r.Context(), key)
	}
	g.logger.Info("fault applied", "id", f.ID, "provider", name, "path", r.URL.Path, "kind", f.Kind, "left", f.Times)
	if f.delay > 0 && !wait(r.Context(), f.delay) {
		journal.MarkFault(r.Context(), fmt.Sprintf("fault #%d: the client went away during the %s delay", f.ID, f.delay))
		return true
	}
	switch f.Kind {
	case KindDelay:
		// The request proceeds; the journal shows the provider's own verdict
		// and the delay in its duration.
		return false
	case KindStatus:
		journal.MarkFault(r.Context(), fmt.Sprintf("fault #%d: injected status %d", f.ID, f.Status))
		p.WriteFailure(w, r, handlers.Failure{Kind: handlers.FailFault, Status: f.Status})
	case KindReset:
		journal.MarkFault(r.Context(), fmt.Sprintf("fault #%d: connection closed without a response", f.ID))
		resetConn(w)
	case KindEmpty:
		journal.MarkFault(r.Context(), fmt.Sprintf("fault #%d: empty 200 response", f.ID))
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusOK)
	case KindMalformed:
		journal.MarkFault(r.Context(), fmt.Sprintf("fault #%d: truncated JSON body", f.ID))
		w.Header().Set("Content-Type", g.contentType(name, r))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(MalformedBody))
	}
	return true
}

// wait sleeps for d of real time (a delay fault is about the client's real
// timeouts, not the mock clock) unless the request ends first.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// resetConn closes the connection without writing a response. Lingering 0
// makes the close a TCP RST, which is what "connection reset by peer" is.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// No connection to take (HTTP/2, a test recorder): abort the stream,
		// which the server turns into a reset of it.
		panic(http.ErrAbortHandler)
	}
	nc := conn
	if tc, ok := conn.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	if tcp, ok := nc.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// contentType is the Content-Type the provider's error envelope has for r.
func (g *Registry) contentType(provider string, r *http.Request) string {
	if t := g.providers[provider]; t.ContentType != nil {
		return t.ContentType(r)
	}
	return "application/json"
}
