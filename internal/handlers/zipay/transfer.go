package zipay

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

var (
	reReceiverNumber = regexp.MustCompile(`^([0-9]{1,18})(USDT|USD|IRT)?$`)
	reEmail          = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// transferResult is one transfer as the given account sees it.
type transferResult struct {
	TrackID      string  `json:"trackid"`
	Amount       string  `json:"amount"`
	Coin         coin    `json:"coin"`
	TransferType string  `json:"transfer_type"`
	Type         string  `json:"type"`
	OrderID      string  `json:"order_id"`
	Description  *string `json:"description"`
	Sender       party   `json:"sender"`
	Receiver     party   `json:"receiver"`
	stamp
}

func transferResultOf(t store.ZipayTransfer, viewer int64) transferResult {
	dir := "transfer_out"
	if t.Sender.Number != viewer {
		dir = "transfer_in"
	}
	return transferResult{
		TrackID: t.TrackID, Amount: t.Amount.String(), Coin: coins[t.Currency], TransferType: dir, Type: "api",
		OrderID: t.OrderID, Description: t.Description, Sender: partyOf(t.Sender), Receiver: partyOf(t.Receiver), stamp: stampOf(t.Time),
	}
}

func (p *Provider) transfer(w http.ResponseWriter, r *http.Request, c *call) {
	f := c.form
	receiver, okRecv := f.required("receiver")
	amount, _ := f.amount("amount", 18)
	currency, okCur := f.currency("currency")
	orderID, ok := f.required("order_id")
	if ok {
		f.maxLen("order_id", orderID, 200)
	}
	var desc *string
	if d, ok := f.optional("description"); ok && f.maxLen("description", d, 200) {
		desc = &d
	}
	// The receiver is an account number, optionally suffixed with the
	// currency (then it must match), or an e-mail.
	var byNumber int64
	if okRecv {
		if m := reReceiverNumber.FindStringSubmatch(receiver); m != nil {
			n, err := strconv.ParseInt(m[1], 10, 64)
			if err != nil || (m[2] != "" && okCur && m[2] != currency) {
				f.fail("receiver", msgInvalid)
			}
			byNumber = n
		} else if len(receiver) > 254 || !reEmail.MatchString(receiver) {
			f.fail("receiver", msgInvalid)
		}
	}
	if f.answerInvalid(w, r) {
		return
	}
	var to store.ZipayAccount
	var err error
	if byNumber != 0 || reReceiverNumber.MatchString(receiver) {
		to, err = p.d.Store.ZipayAccountByNumber(r.Context(), byNumber)
	} else {
		to, err = p.d.Store.ZipayAccountByEmail(r.Context(), receiver)
	}
	if store.IsNotFound(err) {
		journal.Reject(r.Context(), "not_found", fmt.Sprintf("no Zipay account %q", receiver))
		writeMsg(w, msgNotFoundParam, "receiver")
		return
	}
	if err != nil {
		p.internal(w, r, err)
		return
	}
	if to.Number == c.key.Account.Number {
		journal.Reject(r.Context(), "validation", "a transfer to the sender's own account")
		writeMsg(w, msgInvalid, "receiver")
		return
	}
	t := store.ZipayTransfer{
		TrackID: p.uuid(), Sender: c.key.Account, Receiver: to, Amount: amount, Currency: currency,
		OrderID: orderID, Description: desc, Time: p.d.Clock.Now(),
	}
	switch err := p.d.Store.TransferZipay(r.Context(), t); {
	case errors.Is(err, store.ErrZipayDuplicate):
		journal.Reject(r.Context(), "validation", "order_id "+strconv.Quote(orderID)+" was already used by this account")
		writeMsg(w, msgDuplicate, "order_id")
		return
	case errors.Is(err, store.ErrZipayInsufficient):
		journal.Reject(r.Context(), "insufficient_funds", fmt.Sprintf("the %s wallet holds less than %s", currency, amount))
		writeMsg(w, msgInsufficient, "")
		return
	case err != nil:
		p.internal(w, r, err)
		return
	}
	writeResult(w, transferResultOf(t, c.key.Account.Number))
}

func (p *Provider) transferList(w http.ResponseWriter, r *http.Request, c *call) {
	f := c.form
	var flt store.ZipayTransferFilter
	flt.TrackID, _ = f.optional("trackid")
	if d, ok := f.optional("transfer_type"); ok {
		if d != "transfer_out" && d != "transfer_in" {
			f.fail("transfer_type", msgInvalid)
		}
		flt.Direction = d
	}
	if o, ok := f.optional("order_id"); ok && f.maxLen("order_id", o, 200) {
		flt.OrderID = o
	}
	pg := f.page()
	if f.answerInvalid(w, r) {
		return
	}
	list, err := p.d.Store.ZipayTransfers(r.Context(), c.key.Account.Number, flt, pg)
	if err != nil {
		p.internal(w, r, err)
		return
	}
	items := make([]transferResult, 0, len(list))
	for _, t := range list {
		items = append(items, transferResultOf(t, c.key.Account.Number))
	}
	writeItems(w, items)
}
