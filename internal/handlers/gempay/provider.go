// Package gempay emulates the Gempay Top Up V1 API (see ../shared/specs/gempay.md):
// the product list, orders charged against a per-user balance, and the
// transaction status check, behind IP whitelists, bearer hashes, a request-time
// window and four rate limits.
package gempay

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
)

// Provider is the gempay emulator.
type Provider struct {
	d handlers.Deps

	productsPerIP guard.RateLimiter
	orderPerIP    guard.RateLimiter
	orderPerUser  guard.RateLimiter
	statusPerUser guard.RateLimiter
}

// New builds the emulator.
func New(d handlers.Deps) *Provider {
	c := d.Config.Gempay
	limiter := func(perMinute int) guard.RateLimiter {
		if c.RateLimitMode == config.RateLimitBucket {
			return guard.NewLimiter(d.Clock, perMinute, d.Config.RateLimits)
		}
		// The documents say "N requests per minute": the strict reading is
		// at most N in any 60 s, which is what a client must stay under.
		return guard.NewWindowLimiter(d.Clock, perMinute, time.Minute, d.Config.RateLimits)
	}
	return &Provider{
		d:             d,
		productsPerIP: limiter(c.ProductsPerIP),
		orderPerIP:    limiter(c.OrderPerIP),
		orderPerUser:  limiter(c.OrderPerUser),
		statusPerUser: limiter(c.StatusPerUser),
	}
}

// Name is the path prefix.
func (p *Provider) Name() string { return "gempay" }

// Routes serves the real paths. The product-list and order paths are our
// choice: the provider's docs name none (spec §1).
func (p *Provider) Routes() http.Handler {
	r := chi.NewRouter()
	r.Get("/api/products", p.products)
	r.Post("/api/products", p.products)
	r.Post("/api/order", p.order)
	r.Post("/api/cek-status", p.status)
	r.Post("/api/check-ml", p.checkML)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		refuse(r.Context(), w, errRouteNotFound, "not_found", "no gempay endpoint "+r.Method+" "+r.URL.Path+"; the emulator serves /api/products, /api/order and /api/cek-status")
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		refuse(r.Context(), w, errMethodNotAllowed, "method_not_allowed", "method "+r.Method+" is not served on "+r.URL.Path)
	})
	return r
}

// WriteFailure answers our own failures in the provider's envelope.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	switch f.Kind {
	case handlers.FailBodyTooLarge:
		writeError(w, errBodyTooLarge)
	case handlers.FailFault:
		writeFault(w, r.URL.Path, f.Status)
	default:
		// The common middleware has already told the journal what failed.
		writeError(w, errInternal)
	}
}

// Reset clears the rate limiters (admin reset).
func (p *Provider) Reset() {
	p.productsPerIP.Reset()
	p.orderPerIP.Reset()
	p.orderPerUser.Reset()
	p.statusPerUser.Reset()
}
