// Package geniusplugin emulates the geniusplugin API (see ../shared/specs/geniusplugin.md).
package geniusplugin

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
)

// Provider is the geniusplugin emulator.
type Provider struct {
	d handlers.Deps
}

// New builds the emulator.
func New(d handlers.Deps) *Provider { return &Provider{d: d} }

// Name is the path prefix.
func (p *Provider) Name() string { return "geniusplugin" }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler { return chi.NewRouter() }

// WriteFailure answers our own failures in the provider's envelope.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// Reset clears in-memory state.
func (p *Provider) Reset() {}
