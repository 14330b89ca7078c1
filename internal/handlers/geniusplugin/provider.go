// Package geniusplugin emulates the GeniusPlugin (GP Website Firewall)
// reseller API (see ../shared/specs/geniusplugin.md): ten POST endpoints under
// /api/v1/, resellers found by source IP and proven by a shuffled-timestamp
// hash, encrypted passwords, and packages paid from prepaid credit.
package geniusplugin

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// Provider is the geniusplugin emulator.
type Provider struct {
	d       handlers.Deps
	cat     catalogue
	replays *guard.ReplayCache
}

// New builds the emulator.
func New(d handlers.Deps) *Provider {
	cfg := d.Config.Geniusplugin
	cat, err := newCatalogue(cfg.Prices)
	if err != nil {
		// Config validation checks prices before we get here; keep serving with the defaults.
		d.Logger.Error("geniusplugin: bad prices, using defaults", "err", err)
		cat, _ = newCatalogue(nil)
	}
	return &Provider{d: d, cat: cat, replays: guard.NewReplayCache(d.Clock, cfg.TimestampWindow)}
}

// Name is the path prefix.
func (p *Provider) Name() string { return "geniusplugin" }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler {
	r := chi.NewRouter()
	// The docs' URLs end with a slash; clients that drop it are served too.
	r.HandleFunc("/api/v1/{endpoint}", p.api)
	r.HandleFunc("/api/v1/{endpoint}/", p.api)
	r.Get("/autologin/{dashboard}", p.autologin)
	r.Get("/autologin/{dashboard}/", p.autologin)
	r.Get("/dashboard/{dashboard}", p.dashboard)
	r.NotFound(p.unknown)
	r.MethodNotAllowed(p.unknown)
	return r
}

// unknown answers paths that are no endpoint in the API's own shape.
func (p *Provider) unknown(w http.ResponseWriter, r *http.Request) {
	journal.SetEndpoint(r.Context(), "unknown")
	refuse(w, r, handlers.Refuse(msgEndpoint, "no endpoint at "+r.URL.Path))
}

// WriteFailure answers our own failures in the provider's envelope: the
// endpoint's documented failure string, HTTP 200 like every answer of the API.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	switch f.Kind {
	case handlers.FailBodyTooLarge:
		// PHP drops a body over post_max_size and sees no fields at all.
		writeJSON(w, http.StatusOK, [][2]string{{"status", text(msgMissingData)}})
	case handlers.FailFault:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeJSON(w, status, [][2]string{{"status", text(msgError)}})
	default:
		endpoint := strings.Trim(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/")
		form, _ := readForm(r, p.d.Config.BodyLimit)
		id, args := internalFailure(endpoint, field(form, "domain"))
		writeJSON(w, http.StatusOK, [][2]string{{"status", text(id, args...)}})
	}
}

// Reset clears in-memory state.
func (p *Provider) Reset() { p.replays.Reset() }
