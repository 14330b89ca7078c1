package zipay

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/mocksuite/mocksuite/internal/handlers"
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

func (p *Provider) transfer(r *http.Request, c *call) (answer, *failure) {
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
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	var to store.ZipayAccount
	var err error
	if byNumber != 0 || reReceiverNumber.MatchString(receiver) {
		to, err = p.d.Store.ZipayAccountByNumber(r.Context(), byNumber)
	} else {
		to, err = p.d.Store.ZipayAccountByEmail(r.Context(), receiver)
	}
	if store.IsNotFound(err) {
		return answer{}, handlers.Refuse(msgNotFoundParam, fmt.Sprintf("no Zipay account %q", receiver), "receiver")
	}
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	if to.Number == c.key.Account.Number {
		return answer{}, handlers.Refuse(msgInvalid, "a transfer to the sender's own account", "receiver")
	}
	t := store.ZipayTransfer{
		TrackID: p.uuid(), Sender: c.key.Account, Receiver: to, Amount: amount, Currency: currency,
		OrderID: orderID, Description: desc, Time: p.d.Clock.Now(),
	}
	switch err := p.d.Store.TransferZipay(r.Context(), t); {
	case errors.Is(err, store.ErrZipayDuplicate):
		return answer{}, handlers.Refuse(msgDuplicate, "order_id "+strconv.Quote(orderID)+" was already used by this account", "order_id")
	case errors.Is(err, store.ErrZipayInsufficient):
		return answer{}, handlers.Refuse(msgInsufficient, fmt.Sprintf("the %s wallet holds less than %s", currency, amount))
	case err != nil:
		return answer{}, p.internal(r, err)
	}
	return asResult(transferResultOf(t, c.key.Account.Number)), nil
}

func (p *Provider) transferList(r *http.Request, c *call) (answer, *failure) {
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
	if fl := f.invalid(); fl != nil {
		return answer{}, fl
	}
	list, err := p.d.Store.ZipayTransfers(r.Context(), c.key.Account.Number, flt, pg)
	if err != nil {
		return answer{}, p.internal(r, err)
	}
	items := make([]transferResult, 0, len(list))
	for _, t := range list {
		items = append(items, transferResultOf(t, c.key.Account.Number))
	}
	return asItems(items), nil
}
