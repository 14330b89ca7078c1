package zipay

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// pageTmpl is the hosted payment page: self-contained, no external assets.
var pageTmpl = template.Must(template.New("invoice").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{.T.title}}</title>
{{/* The form has no action: it posts back to this very URL, under the /zipay prefix or the real host alike. */}}
<style>
body{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0;padding:2rem;color:#1d2330}
main{max-width:26rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px rgba(0,0,0,.1)}
dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#667}dd{margin:0;font-weight:600}
.error{color:#b00020}.buttons{display:flex;gap:.75rem;margin-top:1rem}
button{flex:1;padding:.7rem;border:0;border-radius:6px;font-size:1rem;cursor:pointer}
#pay{background:#1a7f37;color:#fff}#cancel{background:#e5e7eb}
</style>
</head>
<body>
<main>
<h1>{{.T.title}}</h1>
{{if .Error}}<p class="error" id="error">{{.Error}}</p>{{end}}
{{if .Found}}
<dl>
<dt>Merchant</dt><dd id="merchant">{{.Merchant}}</dd>
<dt>Invoice</dt><dd id="invoice-number">{{.InvoiceNumber}}</dd>
<dt>Amount</dt><dd id="amount">{{.Amount}}</dd>
<dt>Currency</dt><dd id="currency">{{.Currency}}</dd>
<dt>Status</dt><dd id="status" data-status="{{.Status}}">{{.StatusText}}</dd>
</dl>
{{if .Payable}}
<form method="post">
{{if .NeedsNationalID}}<p><label for="national_id">{{.T.national_id}}</label><br><input id="national_id" name="national_id" inputmode="numeric" maxlength="10" required></p>{{end}}
<div class="buttons">
<button type="submit" id="pay" name="action" value="pay">{{.T.pay}}</button>
<button type="submit" id="cancel" name="action" value="cancel" formnovalidate>{{.T.cancel}}</button>
</div>
</form>
{{end}}
{{end}}
</main>
</body>
</html>
`))

type pageData struct {
	T               map[string]string
	Found           bool
	Error           string
	Merchant        string
	InvoiceNumber   string
	Amount          string
	Currency        string
	Status          string
	StatusText      string
	Payable         bool
	NeedsNationalID bool
}

func (p *Provider) renderPage(w http.ResponseWriter, r *http.Request, status int, inv *store.ZipayInvoice, errText string) {
	d := pageData{T: pageText, Error: errText}
	if inv != nil {
		st := inv.State(p.d.Clock.Now(), p.invoiceTimes())
		d.Found = true
		d.Merchant = inv.TerminalName
		d.InvoiceNumber = inv.InvoiceNumber
		d.Amount = inv.Amount.String()
		d.Currency = inv.Currency
		d.Status = st
		d.StatusText = pageText["status_"+st]
		d.Payable = st == store.ZipayUnpaid
		d.NeedsNationalID = inv.NationalID != ""
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := pageTmpl.Execute(w, d); err != nil {
		p.d.Logger.Error("zipay: render invoice page", "err", err)
	}
}

func (p *Provider) loadPageInvoice(w http.ResponseWriter, r *http.Request) (*store.ZipayInvoice, bool) {
	trackID := chi.URLParam(r, "trackid")
	inv, err := p.d.Store.ZipayInvoiceByTrackID(r.Context(), trackID)
	if store.IsNotFound(err) {
		journal.Reject(r.Context(), journal.ReasonNotFound, "no invoice "+trackID)
		p.renderPage(w, r, http.StatusNotFound, nil, pageText["not_found"])
		return nil, false
	}
	if err != nil {
		p.d.Logger.Error("zipay: invoice page", "err", err)
		journal.Fail(r.Context(), journal.ReasonInternal, err.Error())
		p.renderPage(w, r, http.StatusInternalServerError, nil, messages[msgInternal].code)
		return nil, false
	}
	return &inv, true
}

// showInvoice is GET /invoice_v1/{trackid}, the page the merchant sends the payer to.
func (p *Provider) showInvoice(w http.ResponseWriter, r *http.Request) {
	journal.SetEndpoint(r.Context(), "invoice_v1.show")
	if inv, ok := p.loadPageInvoice(w, r); ok {
		p.renderPage(w, r, http.StatusOK, inv, "")
	}
}

// submitInvoice is the page's Pay / Cancel form. Pay marks the invoice
// pending, queues the webhook (delivered by the worker, never inline) and
// sends the browser to the callback; Cancel leaves it unpaid and sends the
// browser to the callback too.
func (p *Provider) submitInvoice(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	journal.SetEndpoint(ctx, "invoice_v1.submit")
	inv, ok := p.loadPageInvoice(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		journal.Reject(ctx, journal.ReasonValidation, "form could not be parsed: "+err.Error())
		p.renderPage(w, r, http.StatusBadRequest, inv, pageText["bad_action"])
		return
	}
	switch r.PostForm.Get("action") {
	case "pay":
		body := verify.PHPBuildPairs([][2]string{{"trackid", inv.TrackID}, {"invoice_number", inv.InvoiceNumber}, {"status", store.ZipayPending}})
		paid, err := p.d.Store.PayZipayInvoice(ctx, inv.TrackID, r.PostForm.Get("national_id"), p.d.Clock.Now(), p.invoiceTimes(), body)
		switch {
		case errors.Is(err, store.ErrZipayState):
			journal.Reject(ctx, journal.ReasonState, "the invoice is "+paid.State(p.d.Clock.Now(), p.invoiceTimes())+", not unpaid")
			p.renderPage(w, r, http.StatusConflict, &paid, pageText["not_payable"])
			return
		case errors.Is(err, store.ErrZipayNationalID):
			journal.Reject(ctx, journal.ReasonValidation, "national_id does not match the invoice")
			p.renderPage(w, r, http.StatusUnprocessableEntity, &paid, pageText["national_id_bad"])
			return
		case err != nil:
			p.d.Logger.Error("zipay: pay invoice", "err", err)
			journal.Fail(ctx, journal.ReasonInternal, err.Error())
			p.renderPage(w, r, http.StatusInternalServerError, inv, messages[msgInternal].code)
			return
		}
		if paid.Webhook != "" {
			p.nudge()
		}
		http.Redirect(w, r, callbackURL(paid), http.StatusFound)
	case "cancel":
		http.Redirect(w, r, callbackURL(*inv), http.StatusFound)
	default:
		journal.Reject(ctx, journal.ReasonValidation, "action must be pay or cancel")
		p.renderPage(w, r, http.StatusBadRequest, inv, pageText["bad_action"])
	}
}

// callbackURL appends trackid and invoice_number to the merchant's callback,
// with "&" when it already has a query.
func callbackURL(inv store.ZipayInvoice) string {
	u, err := url.Parse(inv.Callback)
	if err != nil {
		// Validated at create-invoice; an unparsable one cannot be stored.
		return inv.Callback
	}
	add := "trackid=" + url.QueryEscape(inv.TrackID) + "&invoice_number=" + url.QueryEscape(inv.InvoiceNumber)
	if u.RawQuery == "" {
		u.RawQuery = add
	} else {
		u.RawQuery += "&" + add
	}
	return u.String()
}

// nudge wakes the webhook worker without blocking.
func (p *Provider) nudge() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}
