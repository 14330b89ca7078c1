// Package handlers holds what every provider emulator shares: the Deps they are
// built from, the Provider interface the app mounts, and the common middleware
// (body limit, panic recovery, journal capture, client IP, base URL) that wraps
// each provider so that even our own failures answer in the provider's envelope.
// Provider packages live below it, one per provider.
package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Deps is what a provider is built from. Everything in it is safe for concurrent use.
type Deps struct {
	Store  *store.Store
	Clock  clock.Clock
	Config *config.Config // read-only after start
	IPs    *guard.IPResolver
	IDs    *ids.Source
	Logger *slog.Logger
}

// FailureKind names a failure of the mock itself or an injected one.
type FailureKind int

const (
	// FailInternal is a panic or an unexpected error of ours.
	FailInternal FailureKind = iota
	// FailBodyTooLarge is a request body over the configured limit.
	FailBodyTooLarge
	// FailFault is an injected fault asking for Failure.Status.
	FailFault
)

// Failure is passed to a provider's WriteFailure.
type Failure struct {
	Kind   FailureKind
	Status int // for FailFault: the HTTP status asked for
}

// Provider is one emulated API.
type Provider interface {
	// Name is the path prefix and the admin name ("gempay", "virtdedi", …).
	Name() string
	// Routes serves the provider's real paths, as under its real host.
	Routes() http.Handler
	// WriteFailure answers in the provider's own documented error envelope.
	WriteFailure(w http.ResponseWriter, r *http.Request, f Failure)
	// Reset clears in-memory state: rate limiters, replay caches, pending work.
	Reset()
}

// AdminMounter is implemented by providers with their own admin routes, mounted
// under /__admin/{name}.
type AdminMounter interface {
	MountAdmin(r chi.Router)
}

// Runner is implemented by providers with a background worker; Run returns when ctx ends.
type Runner interface {
	Run(ctx context.Context)
}

type ctxKey int

const (
	keyClientIP ctxKey = iota
	keyBaseURL
	keyAuthHook
)

// ClientIP returns the caller's address as resolved by the common middleware.
func ClientIP(r *http.Request) netip.Addr {
	a, _ := r.Context().Value(keyClientIP).(netip.Addr)
	return a
}

// BaseURL returns scheme://host[:port]/prefix the client called, so a provider
// can build absolute links back to itself (Zipay's payment page, say).
func BaseURL(r *http.Request) string {
	s, _ := r.Context().Value(keyBaseURL).(string)
	return s
}

// WithRequestInfo attaches the client IP and base URL (for tests that call a
// provider's Routes directly, and for the common middleware).
func WithRequestInfo(r *http.Request, ip netip.Addr, baseURL string) *http.Request {
	ctx := context.WithValue(r.Context(), keyClientIP, ip)
	ctx = context.WithValue(ctx, keyBaseURL, baseURL)
	return r.WithContext(ctx)
}
