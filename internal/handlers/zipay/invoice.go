package zipay

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/handlers"
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

func (p *Provider) createInvoice(r *http.Request, c *call) (answer, *failure) {
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
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	inv := store.ZipayInvoice{
		TrackID: p.uuid(), Account: c.key.Account.Number, Terminal: terminal, InvoiceNumber: number,
		Amount: amount, Currency: currency, NationalID: nationalID, Callback: callback, Webhook: webhook,
		CreatedAt: p.d.Clock.Now(),
	}
	switch err := p.d.Store.CreateZipayInvoice(r.Context(), inv); {
	case errors.Is(err, store.ErrZipayTerminal):
		return answer{}, handlers.Refuse(msgNotFoundParam, "terminal "+strconv.FormatInt(terminal, 10)+" is not a terminal of this account", "terminal_number")
	case errors.Is(err, store.ErrZipayDuplicate):
		return answer{}, handlers.Refuse(msgDuplicate, "invoice_number already used on this terminal", "invoice_number")
	case err != nil:
		return answer{}, p.internal(r, err)
	}
	return asResult(struct {
		TrackID  string  `json:"trackid"`
		Redirect string  `json:"redirect"`
		Message  *string `json:"message"`
	}{inv.TrackID, handlers.BaseURL(r) + "/invoice_v1/" + inv.TrackID, nil}), nil
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

func (p *Provider) invoiceStatus(r *http.Request, c *call) (answer, *failure) {
	trackID, _ := c.form.required("trackid")
	if fl := c.form.invalid(); fl != nil {
		return answer{}, fl
	}
	inv, err := p.d.Store.ZipayInvoiceByTrackID(r.Context(), trackID)
	if err == nil && inv.Account != c.key.Account.Number {
		err = store.ErrNotFound
	}
	if store.IsNotFound(err) {
		return answer{}, handlers.Refuse(msgTrackNotFound, "no invoice "+strconv.Quote(trackID)+" on this account")
	}
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	return asResult(p.invoiceResultOf(inv)), nil
}

func (p *Provider) invoiceVerify(r *http.Request, c *call) (answer, *failure) {
	trackID, _ := c.form.required("trackid")
	if fl := c.form.invalid(); fl != nil {
		return answer{}, fl
	}
	inv, err := p.d.Store.VerifyZipayInvoice(r.Context(), c.key.Account.Number, trackID, p.d.Clock.Now(), p.invoiceTimes())
	switch {
	case store.IsNotFound(err):
		return answer{}, handlers.Refuse(msgTrackNotFound, "no invoice "+strconv.Quote(trackID)+" on this account")
	case errors.Is(err, store.ErrZipayNotPaid):
		return answer{}, handlers.Refuse(msgNotPaid, "the invoice has not been paid (unpaid or expired)")
	case errors.Is(err, store.ErrZipayRejected):
		return answer{}, handlers.Refuse(msgRejected, "the verify window passed: the invoice was rejected and the payer refunded")
	case err != nil:
		return answer{}, p.internal(r, err)
	default:
		return asResult(p.invoiceResultOf(inv)), nil
	}
}
