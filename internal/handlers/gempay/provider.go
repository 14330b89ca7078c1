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
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Provider is the gempay emulator.
type Provider struct {
	d        handlers.Deps
	cfg      *Config      // the "gempay:" section
	products encodedLists // the product list's data[] per role, encoded

	productsPerIP guard.RateLimiter
	orderPerIP    guard.RateLimiter
	orderPerUser  guard.RateLimiter
	statusPerUser guard.RateLimiter
}

// New builds the emulator.
func New(d handlers.Deps) *Provider {
	c := config.SectionOf[*Config](d.Config)
	limiter := func(perMinute int) guard.RateLimiter {
		if c.RateLimitMode == RateLimitBucket {
			return guard.NewLimiter(d.Clock, perMinute, d.Config.RateLimits)
		}
		// The documents say "N requests per minute": the strict reading is
		// at most N in any 60 s, which is what a client must stay under.
		return guard.NewWindowLimiter(d.Clock, perMinute, time.Minute, d.Config.RateLimits)
	}
	return &Provider{
		d:             d,
		cfg:           c,
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
	products := p.serve(endpoint{name: "products", admit: (*Provider).admitProducts, run: (*Provider).runProducts})
	r.Get("/api/products", products)
	r.Post("/api/products", products)
	r.Post("/api/order", p.serve(endpoint{name: "order", admit: (*Provider).admitOrder, run: (*Provider).runOrder}))
	r.Post("/api/cek-status", p.serve(endpoint{name: "cek-status", admit: (*Provider).admitStatus, run: (*Provider).runStatus}))
	r.Post("/api/check-ml", p.serve(endpoint{name: "check-ml", admit: (*Provider).admitCheckML, run: (*Provider).runCheckML, ml: true}))
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		p.refuse(w, r, false, handlers.Refuse(errRouteNotFound, "no gempay endpoint "+r.Method+" "+r.URL.Path+"; the emulator serves /api/products, /api/order and /api/cek-status"))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		p.refuse(w, r, false, handlers.Refuse(errMethodNotAllowed, "method "+r.Method+" is not served on "+r.URL.Path))
	})
	return r
}

// caller is what admission learned about an authenticated request.
type caller struct {
	user  store.GempayUser
	order orderRequest      // order only
	found store.GempayOrder // cek-status only
}

// answer is an endpoint's success: the message-table entry and its data (for
// check-ml, the mlResult itself).
type answer struct {
	msg  msg
	data any
}

// endpoint is one API endpoint: admit runs authentication and every guard
// in the order of spec §10, run the business rules.
type endpoint struct {
	name  string
	admit func(p *Provider, r *http.Request) (*caller, *refusal)
	run   func(p *Provider, r *http.Request, c *caller) (answer, *refusal)
	// ml: check-ml answers in its own {"success": …} shape.
	ml bool
}

// serve is the one place an answer is written: it names the endpoint, admits
// the request, gives the after-auth hook its turn, runs the endpoint and
// writes the answer or the refusal (recorded in the journal).
func (p *Provider) serve(e endpoint) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		journal.SetEndpoint(r.Context(), e.name)
		c, rf := e.admit(p, r)
		if rf != nil {
			p.refuse(w, r, e.ml, rf)
			return
		}
		if handlers.AfterAuth(w, r) {
			return
		}
		a, rf := e.run(p, r, c)
		switch {
		case rf != nil:
			p.refuse(w, r, e.ml, rf)
		case e.ml:
			writeML(w, http.StatusOK, a.data.(mlResult))
		default:
			writeSuccess(w, a.msg, a.data)
		}
	}
}

// refuse records a refusal and writes it in the endpoint's shape.
func (p *Provider) refuse(w http.ResponseWriter, r *http.Request, ml bool, rf *refusal) {
	rf.Record(r.Context(), w)
	if ml {
		writeML(w, rf.Msg.Status(), mlResult{Message: rf.Error()})
		return
	}
	writeError(w, rf.Msg)
}

// internal logs an unexpected error and refuses with the 500 entry m.
func (p *Provider) internal(r *http.Request, m msg, err error) *refusal {
	p.d.Logger.Error("gempay request failed", "path", r.URL.Path, "err", err)
	return handlers.Refuse(m, err.Error())
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
