// Package geniusplugin emulates the GeniusPlugin (GP Website Firewall)
// reseller API (see ../shared/specs/geniusplugin.md): ten POST endpoints under
// /api/v1/, resellers found by source IP and proven by a shuffled-timestamp
// hash, encrypted passwords, and packages paid from prepaid credit.
package geniusplugin

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// Provider is the geniusplugin emulator.
type Provider struct {
	d       handlers.Deps
	cfg     *Config // the "geniusplugin:" section
	cat     catalogue
	replays *guard.ReplayCache
}

// New builds the emulator.
func New(d handlers.Deps) *Provider {
	cfg := config.SectionOf[*Config](d.Config)
	cat, err := newCatalogue(cfg.Prices)
	if err != nil {
		// Config validation checks prices before we get here; keep serving with the defaults.
		d.Logger.Error("geniusplugin: bad prices, using defaults", "err", err)
		cat, _ = newCatalogue(nil)
	}
	return &Provider{d: d, cfg: cfg, cat: cat, replays: guard.NewReplayCache(d.Clock, cfg.TimestampWindow)}
}

// Name is the path prefix.
func (p *Provider) Name() string { return "geniusplugin" }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler {
	r := chi.NewRouter()
	// "All requests must be sent to …/<path>/ (with ending slash)".
	r.HandleFunc("/api/v1/{endpoint}", p.addSlash)
	r.HandleFunc("/api/v1/{endpoint}/", p.api)
	r.Get("/autologin/{dashboard}", p.autologin)
	r.Get("/autologin/{dashboard}/", p.autologin)
	r.Get("/dashboard/{dashboard}", p.dashboard)
	r.NotFound(p.unknown)
	r.MethodNotAllowed(p.unknown)
	return r
}

// addSlash answers an endpoint path without its ending slash as the
// provider's web server does for a directory: 301 Moved Permanently to the
// slash path, and nothing else happens. A client that follows it as a GET
// loses its body; that is the bug it must find. A name that is no endpoint
// has no directory to redirect to: it answers Invalid endpoint as before.
func (p *Provider) addSlash(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "endpoint")
	if _, ok := endpoints[name]; !ok {
		p.api(w, r)
		return
	}
	journal.SetEndpoint(r.Context(), name)
	loc := handlers.BaseURL(r) + r.URL.EscapedPath() + "/"
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	handlers.Verdict(r.Context(), http.StatusMovedPermanently, journal.ReasonNotFound,
		fmt.Sprintf("%s %s has no ending slash (the docs: \"with ending slash\"): answered 301 to %s and did nothing; a client that follows it as a GET loses its method and body", r.Method, r.URL.Path, loc))
	w.Header().Set("Location", loc)
	w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
	w.WriteHeader(http.StatusMovedPermanently)
	_, _ = fmt.Fprintf(w, movedPage, html.EscapeString(loc))
}

// movedPage is the body a web server sends with its 301.
const movedPage = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>301 Moved Permanently</title>
</head><body>
<h1>Moved Permanently</h1>
<p>The document has moved <a href="%s">here</a>.</p>
</body></html>
`

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
		// An injected fault keeps the status it asks for and speaks the
		// endpoint's documented failure words, as our own failures do.
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeJSON(w, status, [][2]string{{"status", p.failureText(r)}})
	default:
		writeJSON(w, http.StatusOK, [][2]string{{"status", p.failureText(r)}})
	}
}

// failureText is the documented failure string of the request's endpoint
// ("Connection failed", "Error deleting <domain>", else "Error").
func (p *Provider) failureText(r *http.Request) string {
	endpoint := strings.Trim(strings.TrimPrefix(r.URL.Path, "/api/v1/"), "/")
	form, _ := readForm(r, p.d.Config.BodyLimit)
	id, args := internalFailure(endpoint, field(form, "domain"))
	return text(id, args...)
}

// Reset clears in-memory state.
func (p *Provider) Reset() { p.replays.Reset() }
