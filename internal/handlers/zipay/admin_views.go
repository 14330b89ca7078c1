package zipay

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

// The read-only state views of /__admin/zipay and the dashboard's state page:
// what the API stored, with times of the mock clock.

// adminStamp renders a mock-clock time for the views.
func adminStamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

type adminInvoiceJSON struct {
	TrackID       string  `json:"trackid"`
	Account       int64   `json:"account"`
	Terminal      int64   `json:"terminal"`
	InvoiceNumber string  `json:"invoice_number"`
	Amount        string  `json:"amount"`
	Currency      string  `json:"currency"`
	State         string  `json:"state"`
	CreatedAt     string  `json:"created_at"`
	PaidAt        *string `json:"paid_at"`
	CompletedAt   *string `json:"completed_at"`
}

type adminTransferJSON struct {
	TrackID     string  `json:"trackid"`
	Sender      int64   `json:"sender"`
	Receiver    int64   `json:"receiver"`
	Amount      string  `json:"amount"`
	Currency    string  `json:"currency"`
	OrderID     string  `json:"order_id"`
	Description *string `json:"description"`
	CreatedAt   string  `json:"created_at"`
}

type adminExchangeJSON struct {
	TrackID     string `json:"trackid"`
	Account     int64  `json:"account"`
	SpentAmount string `json:"spent_amount"`
	SpentCoin   string `json:"spent_coin"`
	Rate        string `json:"rate"`
	GetAmount   string `json:"get_amount"`
	GetCoin     string `json:"get_coin"`
	Market      string `json:"market"`
	Side        string `json:"side"`
	CreatedAt   string `json:"created_at"`
}

type adminWithdrawalJSON struct {
	TrackID   string `json:"trackid"`
	Account   int64  `json:"account"`
	OrderID   int64  `json:"order_id"`
	Coin      string `json:"coin"`
	Network   string `json:"network"`
	Requested string `json:"requested"`
	Amount    string `json:"amount"`
	Fee       string `json:"fee"`
	Address   string `json:"address"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
}

func optStamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := adminStamp(t)
	return &s
}

// invoices reads every invoice in its state at the mock clock's now.
func (p *Provider) invoices(ctx context.Context) ([]adminInvoiceJSON, error) {
	list, err := p.d.Store.ZipayAllInvoices(ctx)
	if err != nil {
		return nil, err
	}
	now, times := p.d.Clock.Now(), p.invoiceTimes()
	return admin.Views(list, func(inv store.ZipayInvoice) adminInvoiceJSON {
		return adminInvoiceJSON{inv.TrackID, inv.Account, inv.Terminal, inv.InvoiceNumber, inv.Amount.String(), inv.Currency,
			inv.State(now, times), adminStamp(inv.CreatedAt), optStamp(inv.PaidAt), optStamp(inv.CompletedAt)}
	}), nil
}

func (p *Provider) transfers(ctx context.Context) ([]adminTransferJSON, error) {
	list, err := p.d.Store.ZipayAllTransfers(ctx)
	if err != nil {
		return nil, err
	}
	return admin.Views(list, func(t store.ZipayTransfer) adminTransferJSON {
		return adminTransferJSON{t.TrackID, t.Sender.Number, t.Receiver.Number, t.Amount.String(), t.Currency, t.OrderID, t.Description, adminStamp(t.Time)}
	}), nil
}

func (p *Provider) exchanges(ctx context.Context) ([]adminExchangeJSON, error) {
	list, err := p.d.Store.ZipayAllExchanges(ctx)
	if err != nil {
		return nil, err
	}
	return admin.Views(list, func(e store.ZipayExchange) adminExchangeJSON {
		return adminExchangeJSON{e.TrackID, e.Account, e.SpentAmount.String(), e.SpentCoin, e.Rate.String(), e.GetAmount.String(),
			e.GetCoin, e.Market, e.Side, adminStamp(e.Time)}
	}), nil
}

func (p *Provider) withdrawals(ctx context.Context) ([]adminWithdrawalJSON, error) {
	list, err := p.d.Store.ZipayAllWithdrawals(ctx)
	if err != nil {
		return nil, err
	}
	return admin.Views(list, func(w store.ZipayWithdrawal) adminWithdrawalJSON {
		return adminWithdrawalJSON{w.TrackID, w.Account, w.OrderID, w.Coin, w.Network, w.Requested.String(), w.Amount.String(),
			w.Fee.String(), w.Address, w.Status, adminStamp(w.Time)}
	}), nil
}

type adminAttempt struct {
	Attempt    int    `json:"attempt"`
	At         string `json:"at"`
	Status     int    `json:"status"`
	Error      string `json:"error"`
	DurationMS int64  `json:"duration_ms"`
}

type adminWebhook struct {
	ID            int64          `json:"id"`
	TrackID       string         `json:"trackid"`
	URL           string         `json:"url"`
	Body          string         `json:"body"`
	State         string         `json:"state"`
	Attempts      int            `json:"attempts"`
	NextAttemptAt *string        `json:"next_attempt_at"`
	LastStatus    int            `json:"last_status"`
	LastError     string         `json:"last_error"`
	CreatedAt     string         `json:"created_at"`
	History       []adminAttempt `json:"history"`
}

// webhookViews lists every delivery with each of its attempts.
func (p *Provider) webhookViews(ctx context.Context) ([]adminWebhook, error) {
	list, err := p.d.Store.ZipayWebhooks(ctx)
	if err != nil {
		return nil, err
	}
	return admin.Views(list, func(wh store.ZipayWebhook) adminWebhook {
		a := adminWebhook{
			ID: wh.ID, TrackID: wh.TrackID, URL: wh.URL, Body: wh.Body, State: wh.State, Attempts: wh.Attempts,
			LastStatus: wh.LastStatus, LastError: wh.LastError, CreatedAt: wh.CreatedAt.Format(time.RFC3339Nano), History: []adminAttempt{},
		}
		if wh.State == store.ZipayWebhookPending {
			s := wh.NextAt.Format(time.RFC3339Nano)
			a.NextAttemptAt = &s
		}
		for _, h := range wh.History {
			a.History = append(a.History, adminAttempt{h.Attempt, h.At.Format(time.RFC3339Nano), h.Status, h.Error, h.DurationMS})
		}
		return a
	}), nil
}

// StateViews fills the dashboard page /__admin/ui/state/zipay.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	accounts := p.accounts().List
	keys := func(ctx context.Context) ([]adminKeyJSON, error) {
		list, err := accounts(ctx)
		var out []adminKeyJSON
		for _, a := range list {
			out = append(out, a.Keys...)
		}
		return out, err
	}
	tables, err := admin.Tables(ctx,
		admin.TableOf("Accounts", []string{"number", "email", "name", "USD", "USDT", "IRT"}, accounts, func(a adminAccountJSON) []string {
			return []string{id(a.Number), a.Email, a.Name, a.Balances["USD"], a.Balances["USDT"], a.Balances["IRT"]}
		}),
		admin.TableOf("API keys", []string{"api key", "account", "methods", "ips", "enabled"}, keys, func(k adminKeyJSON) []string {
			return []string{k.APIKey, id(k.Account), strings.Join(k.Methods, ", "), strings.Join(k.IPs, ", "), strconv.FormatBool(k.Enabled)}
		}),
		admin.TableOf("Invoices", []string{"trackid", "account", "terminal", "invoice number", "amount", "currency", "state", "created"}, p.invoices,
			func(i adminInvoiceJSON) []string {
				return []string{i.TrackID, id(i.Account), id(i.Terminal), i.InvoiceNumber, i.Amount, i.Currency, i.State, i.CreatedAt}
			}),
		admin.TableOf("Transfers", []string{"trackid", "sender", "receiver", "amount", "currency", "order id", "created"}, p.transfers,
			func(t adminTransferJSON) []string {
				return []string{t.TrackID, id(t.Sender), id(t.Receiver), t.Amount, t.Currency, t.OrderID, t.CreatedAt}
			}),
		admin.TableOf("Exchanges", []string{"trackid", "account", "spent", "rate", "got", "created"}, p.exchanges,
			func(e adminExchangeJSON) []string {
				return []string{e.TrackID, id(e.Account), e.SpentAmount + " " + e.SpentCoin, e.Rate, e.GetAmount + " " + e.GetCoin, e.CreatedAt}
			}),
		admin.TableOf("Withdrawals", []string{"trackid", "account", "order id", "amount", "network", "address", "status", "created"}, p.withdrawals,
			func(w adminWithdrawalJSON) []string {
				return []string{w.TrackID, id(w.Account), id(w.OrderID), w.Requested + " " + w.Coin, w.Network, w.Address, w.Status, w.CreatedAt}
			}),
	)
	if err != nil {
		return nil, fmt.Errorf("zipay state: %w", err)
	}
	return tables, nil
}

var _ admin.StateViewer = (*Provider)(nil)
