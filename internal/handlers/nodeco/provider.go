// Package nodeco emulates the NODE cloud VPS API of node.co.id and its
// virtdedi.com flavour (see ../shared/specs/nodeco.md).
package nodeco

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
)

// Flavour selects node.co.id or virtdedi.com behaviour.
type Flavour string

// The two flavours.
const (
	NodeCo   Flavour = "nodeco"
	VirtDedi Flavour = "virtdedi"
)

// Provider is one flavour of the NODE emulator.
type Provider struct {
	d       handlers.Deps
	flavour Flavour
}

// New builds the emulator for one flavour.
func New(d handlers.Deps, f Flavour) *Provider { return &Provider{d: d, flavour: f} }

// Name is the path prefix: "nodeco" or "virtdedi".
func (p *Provider) Name() string { return string(p.flavour) }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler { return chi.NewRouter() }

// WriteFailure answers our own failures in the provider's envelope.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// Reset clears in-memory state.
func (p *Provider) Reset() {}
