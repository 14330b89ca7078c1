// Package hostdime emulates the hostdime API (see ../shared/specs/hostdime.md).
package hostdime

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
)

// Provider is the hostdime emulator.
type Provider struct {
	d handlers.Deps
}

// New builds the emulator.
func New(d handlers.Deps) *Provider { return &Provider{d: d} }

// Name is the path prefix.
func (p *Provider) Name() string { return "hostdime" }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler { return chi.NewRouter() }

// WriteFailure answers our own failures in the provider's envelope.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// Reset clears in-memory state.
func (p *Provider) Reset() {}
