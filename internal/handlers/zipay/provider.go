// Package zipay emulates the Zipay merchant API (see ../shared/specs/zipay.md):
// api_sign HMAC authentication, wallets, rates, exchanges, transfers, crypto
// withdrawals, invoices with a hosted payment page, and webhooks delivered by
// a background worker.
package zipay

import (
	"net/http"
	"sync"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// Provider is the Zipay emulator.
type Provider struct {
	d      handlers.Deps
	cfg    *Config // the "zipay:" section
	client *http.Client
	// deliverMu keeps one DeliverDue at a time, so the worker and a test (or
	// two ticks) never send the same delivery twice.
	deliverMu sync.Mutex
	// wake nudges the worker right after a payment queued a webhook.
	wake chan struct{}
}

// New builds the emulator.
func New(d handlers.Deps) *Provider {
	cfg := config.SectionOf[*Config](d.Config)
	return &Provider{
		d:   d,
		cfg: cfg,
		client: &http.Client{
			Timeout: cfg.WebhookTimeout,
			// A webhook is one POST to the configured URL; never follow it elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		wake: make(chan struct{}, 1),
	}
}

// Name is the path prefix.
func (p *Provider) Name() string { return "zipay" }

// Routes serves the real paths.
func (p *Provider) Routes() http.Handler {
	r := chi.NewRouter()
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		journal.SetEndpoint(r.Context(), "unknown")
		refuse(w, r, handlers.Refuse(msgRouteNotFound, "no Zipay route "+r.Method+" "+r.URL.Path))
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		journal.SetEndpoint(r.Context(), "unknown")
		refuse(w, r, handlers.Refuse(msgVerbNotAllowed, "Zipay does not serve "+r.Method+" "+r.URL.Path))
	})
	r.Get("/api/", p.ipEcho)
	r.Get("/api", p.ipEcho)
	r.HandleFunc("/api/{method}", p.api)
	r.Get("/invoice_v1/{trackid}", p.showInvoice)
	r.Post("/invoice_v1/{trackid}", p.submitInvoice)
	return r
}

// WriteFailure answers our own failures in Zipay's envelope.
func (p *Provider) WriteFailure(w http.ResponseWriter, r *http.Request, f handlers.Failure) {
	switch f.Kind {
	case handlers.FailBodyTooLarge:
		writeMsg(w, msgTooLarge, "")
	case handlers.FailFault:
		switch f.Status {
		case http.StatusForbidden:
			// The one documented refusal (E1) is a 403 on every method.
			writeMsg(w, msgInvalidSign, "")
		case http.StatusTooManyRequests:
			writeMsg(w, msgTooManyRequests, "")
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			e := messages[msgUnavailable]
			writeErrors(w, f.Status, []fieldErr{{e.key, e.code}})
		default:
			status := f.Status
			if status < 400 || status > 599 {
				status = http.StatusInternalServerError
			}
			e := messages[msgInternal]
			writeErrors(w, status, []fieldErr{{e.key, e.code}})
		}
	default:
		writeMsg(w, msgInternal, "")
	}
}

// Reset clears in-memory state: Zipay keeps none besides a pending wake-up.
func (p *Provider) Reset() {
	select {
	case <-p.wake:
	default:
	}
}

// invoiceTimes reads the configured invoice time limits.
func (p *Provider) invoiceTimes() store.ZipayInvoiceTimes {
	return store.ZipayInvoiceTimes{Lifetime: p.cfg.InvoiceLifetime, VerifyWindow: p.cfg.VerifyWindow}
}
