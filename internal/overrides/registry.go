package overrides

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/faults"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Endpointer is implemented by providers: the endpoint names an override (or
// a fault) may name, spelled as faults.EndpointKey spells a request path.
type Endpointer interface {
	Endpoints() []string
}

// Encoder is implemented by providers that write an override's answer as
// they write their own: the headers they send with every answer to r (the
// Content-Type for the format r asked for, at least) and v (a jsonv value)
// encoded the way they encode their bodies.
type Encoder interface {
	OverrideHeaders(r *http.Request) http.Header
	EncodeOverride(r *http.Request, v any) ([]byte, error)
}

type providerInfo struct {
	p         handlers.Provider
	endpoints []string
	enc       Encoder
}

type entry struct {
	o Override
	c *compiled
}

// Registry holds the overrides, mirrored in the store. It is safe for
// concurrent use.
type Registry struct {
	st        *store.Store
	clock     clock.Clock
	logger    *slog.Logger
	providers map[string]providerInfo
	names     []string

	mu      sync.Mutex
	entries []*entry // in the order they are tried: priority, then newest first

	// edit serialises changes (store, then memory) so that the two agree:
	// a clear cannot drop from memory what a concurrent create kept in the store.
	edit sync.Mutex
}

// New returns the registry for providers with the overrides stored in st.
func New(ctx context.Context, st *store.Store, clk clock.Clock, providers []handlers.Provider, logger *slog.Logger) (*Registry, error) {
	g := &Registry{st: st, clock: clk, logger: logger, providers: map[string]providerInfo{}}
	for _, p := range providers {
		info := providerInfo{p: p}
		if e, ok := p.(Endpointer); ok {
			info.endpoints = slices.Sorted(slices.Values(e.Endpoints()))
		}
		info.enc, _ = p.(Encoder)
		g.providers[p.Name()] = info
		g.names = append(g.names, p.Name())
	}
	if err := g.load(ctx); err != nil {
		return nil, err
	}
	return g, nil
}

// load reads every stored override into memory.
func (g *Registry) load(ctx context.Context) error {
	rows, err := g.st.Overrides(ctx)
	if err != nil {
		return err
	}
	entries := make([]*entry, 0, len(rows))
	for _, row := range rows {
		o, c, err := g.parse(row.Spec)
		if err != nil {
			// Stored overrides were valid when stored; one that no longer is
			// (a provider endpoint renamed) is skipped, not fatal.
			g.logger.Warn("stored override skipped", "id", row.ID, "err", err)
			continue
		}
		o.ID, o.Remaining, o.Hits, o.Source, o.CreatedAt = row.ID, row.Remaining, row.Hits, row.Source, row.CreatedAt
		entries = append(entries, &entry{o, c})
	}
	g.mu.Lock()
	g.entries = entries
	g.sortLocked()
	g.mu.Unlock()
	return nil
}

func (g *Registry) sortLocked() {
	sort.SliceStable(g.entries, func(i, j int) bool {
		a, b := g.entries[i].o, g.entries[j].o
		if a.Priority != b.Priority {
			return a.Priority > b.Priority
		}
		return a.ID > b.ID
	})
}

// List returns every override, newest first.
func (g *Registry) List() []Override {
	g.mu.Lock()
	out := make([]Override, 0, len(g.entries))
	for _, e := range g.entries {
		out = append(out, e.o)
	}
	g.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out
}

// Get returns one override.
func (g *Registry) Get(id int64) (Override, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, e := range g.entries {
		if e.o.ID == id {
			return e.o, true
		}
	}
	return Override{}, false
}

// Create validates raw (one override as JSON), stores it and returns it.
// A validation error names the field; its text is the 400 answer.
func (g *Registry) Create(ctx context.Context, raw []byte) (Override, error) {
	g.edit.Lock()
	defer g.edit.Unlock()
	o, c, err := g.parse(raw)
	if err != nil {
		return o, &InputError{err}
	}
	row, err := g.row(o)
	if err != nil {
		return o, err
	}
	if o.ID, err = g.st.AddOverride(ctx, row); err != nil {
		return o, err
	}
	o.Source, o.CreatedAt = SourceAPI, row.CreatedAt
	g.insert(&entry{o, c})
	return o, nil
}

// InputError is a refused override: its text names the field at fault.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func (g *Registry) row(o Override) (store.OverrideRow, error) {
	spec, err := json.Marshal(o.spec())
	if err != nil {
		return store.OverrideRow{}, fmt.Errorf("overrides: encode: %w", err)
	}
	return store.OverrideRow{Provider: o.Provider, Spec: spec, Remaining: o.Remaining, Source: SourceAPI,
		CreatedAt: g.clock.Now().UTC().Format(time.RFC3339)}, nil
}

func (g *Registry) insert(e ...*entry) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.entries = append(g.entries, e...)
	g.sortLocked()
}

// Remove deletes one override; store.ErrNotFound when there is none.
func (g *Registry) Remove(ctx context.Context, id int64) (Override, error) {
	g.edit.Lock()
	defer g.edit.Unlock()
	o, ok := g.Get(id)
	if !ok {
		return o, store.ErrNotFound
	}
	if err := g.st.DeleteOverride(ctx, id); err != nil {
		return o, err
	}
	g.drop(func(o Override) bool { return o.ID == id })
	return o, nil
}

// Clear deletes one provider's overrides, or all when provider is "".
func (g *Registry) Clear(ctx context.Context, provider string) error {
	g.edit.Lock()
	defer g.edit.Unlock()
	if err := g.st.DeleteOverrides(ctx, provider); err != nil {
		return err
	}
	g.drop(func(o Override) bool { return provider == "" || o.Provider == provider })
	return nil
}

func (g *Registry) drop(gone func(Override) bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.entries = slices.DeleteFunc(g.entries, func(e *entry) bool { return gone(e.o) })
}

// OnReset clears overrides after an admin reset (every one, or provider's).
func (g *Registry) OnReset(provider string) {
	if err := g.Clear(context.Background(), provider); err != nil {
		g.logger.Error("overrides: reset", "provider", provider, "err", err)
	}
}

// Intercept implements handlers.Interceptor: overrides with after_auth false
// answer before the provider checks anything. Faults come first; the app
// calls this after them.
func (g *Registry) Intercept(w http.ResponseWriter, r *http.Request, p handlers.Provider) bool {
	return g.answer(w, r, p.Name(), false)
}

// AfterAuth answers with an override (after_auth true) once the provider has
// authenticated r and its guards passed; it reports whether it answered.
func (g *Registry) AfterAuth(w http.ResponseWriter, r *http.Request, provider string) bool {
	return g.answer(w, r, provider, true)
}

// WantsAfterAuth tells handlers.HasAuthInterceptor whether an after-auth
// override could answer provider's requests: without one, a provider that
// authenticates inside a store transaction need not leave it for the hook.
func (g *Registry) WantsAfterAuth(provider string) bool { return g.candidates(provider, true) }

func (g *Registry) answer(w http.ResponseWriter, r *http.Request, provider string, afterAuth bool) bool {
	if !g.candidates(provider, afterAuth) {
		return false // the common case: nothing to read
	}
	key := faults.EndpointKey(provider, r.URL.Path)
	req := readRequest(r)
	e, ok := g.take(provider, key, afterAuth, req)
	if !ok {
		return false
	}
	ctx := r.Context()
	// The count must land even when the client has already hung up.
	if err := g.st.OverrideUsed(context.WithoutCancel(ctx), e.o.ID); err != nil {
		g.logger.Error("overrides: count use", "id", e.o.ID, "err", err)
	}
	if !afterAuth {
		// The provider will not run to name the endpoint.
		journal.SetEndpoint(ctx, key)
	}
	info := g.providers[provider]
	body, err := g.render(r, info, e, req)
	if err != nil {
		journal.Fail(ctx, journal.ReasonInternal, fmt.Sprintf("override #%d: %v", e.o.ID, err))
		info.p.WriteFailure(w, r, handlers.Failure{Kind: handlers.FailInternal})
		return true
	}
	journal.MarkOverride(ctx, e.o.ID, fmt.Sprintf("override #%d answered with status %d", e.o.ID, e.o.Response.Status))
	h := w.Header()
	if info.enc != nil {
		for k, vs := range info.enc.OverrideHeaders(r) {
			h[k] = vs
		}
	} else {
		h.Set("Content-Type", "application/json")
	}
	for k, v := range e.o.Response.Headers {
		h.Set(k, v)
	}
	w.WriteHeader(e.o.Response.Status)
	_, _ = w.Write(body)
	g.logger.Info("override applied", "id", e.o.ID, "provider", provider, "path", r.URL.Path, "status", e.o.Response.Status)
	return true
}

// candidates reports whether any live override could answer provider's
// requests in this phase.
func (g *Registry) candidates(provider string, afterAuth bool) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, e := range g.entries {
		if e.o.Provider == provider && e.o.AfterAuth == afterAuth && (e.o.Remaining == nil || *e.o.Remaining > 0) {
			return true
		}
	}
	return false
}

// take picks the override that answers req and counts the use. Matching and
// counting happen under one lock, so an override with times 1 answers exactly
// one of two concurrent requests.
func (g *Registry) take(provider, endpoint string, afterAuth bool, req *request) (entry, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, e := range g.entries {
		o := &e.o
		if o.Provider != provider || o.AfterAuth != afterAuth || (o.Endpoint != "" && o.Endpoint != endpoint) {
			continue
		}
		if o.Remaining != nil && *o.Remaining <= 0 {
			continue
		}
		if !o.Match.matches(req) {
			continue
		}
		if o.Remaining != nil {
			n := *o.Remaining - 1
			o.Remaining = &n
		}
		o.Hits++
		return *e, true
	}
	return entry{}, false
}

// render produces the body: the body template, or the JSON value encoded as
// the provider encodes its answers.
func (g *Registry) render(r *http.Request, info providerInfo, e entry, req *request) ([]byte, error) {
	data := templateData(req, g.clock.Now())
	if e.o.Response.Body != nil {
		if e.c.body == nil {
			return []byte(*e.o.Response.Body), nil
		}
		s, err := execute(e.c.body, data)
		return []byte(s), err
	}
	v, err := renderValue(e.c.json, data)
	if err != nil {
		return nil, err
	}
	if info.enc == nil {
		return jsonv.Encode(v, jsonv.StylePlain), nil
	}
	return info.enc.EncodeOverride(r, v)
}
