package zipay

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

var reNationalID = regexp.MustCompile(`^[0-9]{10}$`)

// webURL reads an absolute http(s) URL parameter.
func (f *form) webURL(name string, required bool) string {
	var v string
	var ok bool
	if required {
		v, ok = f.required(name)
	} else {
		v, ok = f.optional(name)
	}
	if !ok {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(v) > 2000 {
		f.fail(name, msgInvalid)
		return ""
	}
	return v
}

func (p *Provider) createInvoice(w http.ResponseWriter, r *http.Request, c *call) {
	f := c.form
	var terminal int64
	if v, ok := f.required("terminal_number"); ok {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 || !reDigits.MatchString(v) {
			f.fail("terminal_number", msgInvalid)
		}
		terminal = n
	}
	amount, _ := f.amount("amount", 18)
	currency, _ := f.currency("currency")
	number, ok := f.required("invoice_number")
	if ok {
		f.maxLen("invoice_number", number, 200)
	}
	nationalID, ok := f.optional("national_id")
	if ok && !reNationalID.MatchString(nationalID) {
		f.fail("national_id", msgInvalid)
	}
	callback := f.webURL("callback", true)
	webhook := f.webURL("webhook", false)
	if f.answerInvalid(w, r) {
		return
	}
	inv := store.ZipayInvoice{
		TrackID: p.uuid(), Account: c.key.Account.Number, Terminal: terminal, InvoiceNumber: number,
		Amount: amount, Currency: currency, NationalID: nationalID, Callback: callback, Webhook: webhook,
		CreatedAt: p.d.Clock.Now(),
	}
	switch err := p.d.Store.CreateZipayInvoice(r.Context(), inv); {
	case errors.Is(err, store.ErrZipayTerminal):
		journal.Reject(r.Context(), "not_found", "terminal "+strconv.FormatInt(terminal, 10)+" is not a terminal of this account")
		writeMsg(w, msgNotFoundParam, "terminal_number")
		return
	case errors.Is(err, store.ErrZipayDuplicate):
		journal.Reject(r.Context(), "validation", "invoice_number already used on this terminal")
		writeMsg(w, msgDuplicate, "invoice_number")
		return
	case err != nil:
		p.internal(w, r, err)
		return
	}
	writeResult(w, struct {
		TrackID  string  `json:"trackid"`
		Redirect string  `json:"redirect"`
		Message  *string `json:"message"`
	}{inv.TrackID, handlers.BaseURL(r) + "/invoice_v1/" + inv.TrackID, nil})
}

// invoiceResult is the result of invoice-status and invoice-verify.
type invoiceResult struct {
	TrackID       string `json:"trackid"`
	Status        string `json:"status"`
	InvoiceNumber string `json:"invoice_number"`
	Amount        string `json:"amount"`
	Coin          coin   `json:"coin"`
	stamp
}

func (p *Provider) invoiceResultOf(inv store.ZipayInvoice) invoiceResult {
	return invoiceResult{
		TrackID: inv.TrackID, Status: inv.State(p.d.Clock.Now(), p.invoiceTimes()), InvoiceNumber: inv.InvoiceNumber,
		Amount: inv.Amount.String(), Coin: coins[inv.Currency], stamp: stampOf(inv.CreatedAt),
	}
}

func (p *Provider) invoiceStatus(w http.ResponseWriter, r *http.Request, c *call) {
	trackID, _ := c.form.required("trackid")
	if c.form.answerInvalid(w, r) {
		return
	}
	inv, err := p.d.Store.ZipayInvoiceByTrackID(r.Context(), trackID)
	if err == nil && inv.Account != c.key.Account.Number {
		err = store.ErrNotFound
	}
	if store.IsNotFound(err) {
		journal.Reject(r.Context(), "not_found", "no invoice "+strconv.Quote(trackID)+" on this account")
		writeMsg(w, msgTrackNotFound, "")
		return
	}
	if err != nil {
		p.internal(w, r, err)
		return
	}
	writeResult(w, p.invoiceResultOf(inv))
}

func (p *Provider) invoiceVerify(w http.ResponseWriter, r *http.Request, c *call) {
	trackID, _ := c.form.required("trackid")
	if c.form.answerInvalid(w, r) {
		return
	}
	inv, err := p.d.Store.VerifyZipayInvoice(r.Context(), c.key.Account.Number, trackID, p.d.Clock.Now(), p.invoiceTimes())
	switch {
	case store.IsNotFound(err):
		journal.Reject(r.Context(), "not_found", "no invoice "+strconv.Quote(trackID)+" on this account")
		writeMsg(w, msgTrackNotFound, "")
	case errors.Is(err, store.ErrZipayNotPaid):
		journal.Reject(r.Context(), "state", "the invoice has not been paid (unpaid or expired)")
		writeMsg(w, msgNotPaid, "")
	case errors.Is(err, store.ErrZipayRejected):
		journal.Reject(r.Context(), "state", "the verify window passed: the invoice was rejected and the payer refunded")
		writeMsg(w, msgRejected, "")
	case err != nil:
		p.internal(w, r, err)
	default:
		writeResult(w, p.invoiceResultOf(inv))
	}
}
