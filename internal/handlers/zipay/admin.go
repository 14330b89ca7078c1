package zipay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

// The accounts and state views of /__admin/zipay: accounts (e-mail, name,
// wallets) under /accounts, API keys (secret, IP list, methods, enabled)
// under /keys, so a test can provoke IP_NOT_ALLOWED, METHOD_NOT_ALLOWED or
// INSUFFICIENT_BALANCE without editing fixtures.

// mountAccountAdmin adds the account, key and state routes to MountAdmin.
func (p *Provider) mountAccountAdmin(r chi.Router) {
	r.Get("/accounts", p.adminListAccounts)
	r.Post("/accounts", p.adminCreateAccount)
	r.Get("/accounts/{id}", p.adminGetAccount)
	r.Patch("/accounts/{id}", p.adminPatchAccount)
	r.Post("/keys", p.adminCreateKey)
	r.Get("/keys/{api_key}", p.adminGetKey)
	r.Patch("/keys/{api_key}", p.adminPatchKey)
	r.Get("/invoices", p.adminInvoices)
	r.Get("/transfers", p.adminTransfers)
	r.Get("/exchanges", p.adminExchanges)
	r.Get("/withdrawals", p.adminWithdrawals)
}

type adminKeyJSON struct {
	APIKey  string   `json:"api_key"`
	Secret  string   `json:"secret"`
	Account int64    `json:"account"`
	Methods []string `json:"methods"`
	IPs     []string `json:"ips"`
	Enabled bool     `json:"enabled"`
}

type adminTerminalJSON struct {
	Number int64  `json:"number"`
	Name   string `json:"name"`
}

type adminAccountJSON struct {
	Number    int64               `json:"number"`
	Email     string              `json:"email"`
	Name      string              `json:"name"`
	Balances  map[string]string   `json:"balances"`
	Terminals []adminTerminalJSON `json:"terminals"`
	Keys      []adminKeyJSON      `json:"keys"`
}

func keyJSON(k store.ZipayKeyInfo) adminKeyJSON {
	return adminKeyJSON{k.APIKey, k.Secret, k.Account, k.Methods, k.IPs, k.Enabled}
}

func accountJSON(a store.ZipayAccountInfo) adminAccountJSON {
	out := adminAccountJSON{Number: a.Number, Email: a.Email, Name: a.Name, Balances: map[string]string{},
		Terminals: []adminTerminalJSON{}, Keys: []adminKeyJSON{}}
	for _, b := range a.Balances {
		out.Balances[b.Currency] = b.Amount.String()
	}
	for _, t := range a.Terminals {
		out.Terminals = append(out.Terminals, adminTerminalJSON{t.Number, t.Name})
	}
	for _, k := range a.Keys {
		out.Keys = append(out.Keys, keyJSON(k))
	}
	return out
}

// adminFailed answers a store failure: ours, so logged and a 500.
func (p *Provider) adminFailed(w http.ResponseWriter, what string, err error) {
	admin.Internal(w, p.d.Logger.With("provider", p.Name()), fmt.Errorf("%s: %w", what, err))
}

// parseBalances reads {"USD":"1000.00",…}: known currencies, non-negative
// plain decimal strings.
func parseBalances(in map[string]string) (map[string]store.ZipayAmount, error) {
	out := map[string]store.ZipayAmount{}
	for cur, v := range in {
		if _, ok := coins[cur]; !ok {
			return nil, fmt.Errorf("balances: unknown currency %q (USD, USDT or IRT)", cur)
		}
		amt, err := store.ParseZipayAmount(v)
		if err != nil || amt.Sign() < 0 {
			return nil, fmt.Errorf("balances.%s: %q is not a non-negative plain decimal string", cur, v)
		}
		out[cur] = amt
	}
	return out, nil
}

// checkEmail is a light check: the mock needs an address to match invoices
// and transfers by, not RFC 5322.
func checkEmail(s string) error {
	if at := strings.IndexByte(s, '@'); at < 1 || at == len(s)-1 || len(s) > 254 {
		return fmt.Errorf("email: %q is not an e-mail address", s)
	}
	return nil
}

func (p *Provider) adminListAccounts(w http.ResponseWriter, r *http.Request) {
	list, err := p.d.Store.ZipayAccountInfos(r.Context())
	if err != nil {
		p.adminFailed(w, "zipay accounts", err)
		return
	}
	out := make([]adminAccountJSON, 0, len(list))
	for _, a := range list {
		out = append(out, accountJSON(a))
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

// writeAccount answers with the account as it now is.
func (p *Provider) writeAccount(w http.ResponseWriter, r *http.Request, status int, id string) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		admin.WriteError(w, http.StatusNotFound, "account "+id+" not found")
		return
	}
	a, err := p.d.Store.ZipayAccountInfo(r.Context(), n)
	switch {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusNotFound, "account "+id+" not found")
	case err != nil:
		p.adminFailed(w, "zipay account", err)
	default:
		admin.WriteJSON(w, status, accountJSON(a))
	}
}

func (p *Provider) adminGetAccount(w http.ResponseWriter, r *http.Request) {
	p.writeAccount(w, r, http.StatusOK, chi.URLParam(r, "id"))
}

func (p *Provider) adminCreateAccount(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Number   *int64            `json:"number"`
		Email    *string           `json:"email"`
		Name     *string           `json:"name"`
		Balances map[string]string `json:"balances"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Number == nil || *in.Number <= 0 {
		admin.WriteError(w, http.StatusBadRequest, "number: required, a positive integer")
		return
	}
	if in.Email == nil {
		admin.WriteError(w, http.StatusBadRequest, "email: required")
		return
	}
	if err := checkEmail(*in.Email); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Name == nil || *in.Name == "" {
		admin.WriteError(w, http.StatusBadRequest, "name: required, non-empty")
		return
	}
	bal, err := parseBalances(in.Balances)
	if err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	err = p.d.Store.CreateZipayAccount(r.Context(), store.ZipayAccount{Number: *in.Number, Email: *in.Email, Name: *in.Name}, bal)
	switch {
	case errors.Is(err, store.ErrZipayExists):
		admin.WriteError(w, http.StatusConflict, fmt.Sprintf("account %d or email %s already exists", *in.Number, *in.Email))
	case err != nil:
		p.adminFailed(w, "zipay create account", err)
	default:
		p.writeAccount(w, r, http.StatusCreated, strconv.FormatInt(*in.Number, 10))
	}
}

func (p *Provider) adminPatchAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var in struct {
		Email    *string           `json:"email"`
		Name     *string           `json:"name"`
		Balances map[string]string `json:"balances"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Email != nil {
		if err := checkEmail(*in.Email); err != nil {
			admin.WriteError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	if in.Name != nil && *in.Name == "" {
		admin.WriteError(w, http.StatusBadRequest, "name: must not be empty")
		return
	}
	bal, err := parseBalances(in.Balances)
	if err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		admin.WriteError(w, http.StatusNotFound, "account "+id+" not found")
		return
	}
	err = p.d.Store.UpdateZipayAccount(r.Context(), n, in.Email, in.Name, bal)
	switch {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusNotFound, "account "+id+" not found")
	case errors.Is(err, store.ErrZipayExists):
		admin.WriteError(w, http.StatusConflict, "email "+*in.Email+" belongs to another account")
	case err != nil:
		p.adminFailed(w, "zipay update account", err)
	default:
		p.writeAccount(w, r, http.StatusOK, id)
	}
}

// keyPatch holds the editable key fields; nil means "leave as is".
type keyPatch struct {
	Secret  *string   `json:"secret"`
	Methods *[]string `json:"methods"`
	IPs     *[]string `json:"ips"`
	Enabled *bool     `json:"enabled"`
}

// apply validates the patch and writes it onto k, naming the first bad field.
func (kp keyPatch) apply(k *store.ZipayKeyInfo) error {
	if kp.Secret != nil {
		if *kp.Secret == "" {
			return errors.New("secret: must not be empty")
		}
		k.Secret = *kp.Secret
	}
	if kp.Methods != nil {
		for _, m := range *kp.Methods {
			if _, ok := methods[m]; !ok && m != "*" {
				return fmt.Errorf("methods: unknown method %q (\"*\" or one of the API methods such as \"transfer\")", m)
			}
		}
		k.Methods = slices.Clone(*kp.Methods)
	}
	if kp.IPs != nil {
		for _, ip := range *kp.IPs {
			if strings.Contains(ip, ",") || store.ZipayValidIP(ip) != nil {
				return fmt.Errorf("ips: %q is not an IP address or CIDR", ip)
			}
		}
		k.IPs = slices.Clone(*kp.IPs)
	}
	if kp.Enabled != nil {
		k.Enabled = *kp.Enabled
	}
	return nil
}

func (p *Provider) adminCreateKey(w http.ResponseWriter, r *http.Request) {
	var in struct {
		APIKey  *string `json:"api_key"`
		Account *int64  `json:"account"`
		keyPatch
	}
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.APIKey == nil || *in.APIKey == "" {
		admin.WriteError(w, http.StatusBadRequest, "api_key: required, non-empty")
		return
	}
	if in.Account == nil {
		admin.WriteError(w, http.StatusBadRequest, "account: required")
		return
	}
	if in.Secret == nil {
		admin.WriteError(w, http.StatusBadRequest, "secret: required")
		return
	}
	// Unless told otherwise a new key may call every method from anywhere.
	k := store.ZipayKeyInfo{APIKey: *in.APIKey, Account: *in.Account, Methods: []string{"*"}, IPs: []string{}, Enabled: true}
	if err := in.apply(&k); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	switch err := p.d.Store.CreateZipayKey(r.Context(), k); {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusBadRequest, fmt.Sprintf("account: %d is not a zipay account", k.Account))
	case errors.Is(err, store.ErrZipayExists):
		admin.WriteError(w, http.StatusConflict, "api_key "+k.APIKey+" already exists")
	case err != nil:
		p.adminFailed(w, "zipay create key", err)
	default:
		admin.WriteJSON(w, http.StatusCreated, keyJSON(k))
	}
}

func (p *Provider) adminGetKey(w http.ResponseWriter, r *http.Request) {
	apiKey := chi.URLParam(r, "api_key")
	k, err := p.d.Store.ZipayKeyInfo(r.Context(), apiKey)
	switch {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusNotFound, "key "+apiKey+" not found")
	case err != nil:
		p.adminFailed(w, "zipay key", err)
	default:
		admin.WriteJSON(w, http.StatusOK, keyJSON(k))
	}
}

func (p *Provider) adminPatchKey(w http.ResponseWriter, r *http.Request) {
	apiKey := chi.URLParam(r, "api_key")
	var in keyPatch
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	var invalid error
	k, err := p.d.Store.UpdateZipayKey(r.Context(), apiKey, func(k *store.ZipayKeyInfo) error {
		invalid = in.apply(k)
		return invalid
	})
	switch {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusNotFound, "key "+apiKey+" not found")
	case invalid != nil:
		admin.WriteError(w, http.StatusBadRequest, invalid.Error())
	case err != nil:
		p.adminFailed(w, "zipay update key", err)
	default:
		admin.WriteJSON(w, http.StatusOK, keyJSON(k))
	}
}

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
	out := make([]adminInvoiceJSON, 0, len(list))
	for _, inv := range list {
		out = append(out, adminInvoiceJSON{inv.TrackID, inv.Account, inv.Terminal, inv.InvoiceNumber, inv.Amount.String(), inv.Currency,
			inv.State(now, times), adminStamp(inv.CreatedAt), optStamp(inv.PaidAt), optStamp(inv.CompletedAt)})
	}
	return out, nil
}

func (p *Provider) transfers(ctx context.Context) ([]adminTransferJSON, error) {
	list, err := p.d.Store.ZipayAllTransfers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]adminTransferJSON, 0, len(list))
	for _, t := range list {
		out = append(out, adminTransferJSON{t.TrackID, t.Sender.Number, t.Receiver.Number, t.Amount.String(), t.Currency, t.OrderID, t.Description, adminStamp(t.Time)})
	}
	return out, nil
}

func (p *Provider) exchanges(ctx context.Context) ([]adminExchangeJSON, error) {
	list, err := p.d.Store.ZipayAllExchanges(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]adminExchangeJSON, 0, len(list))
	for _, e := range list {
		out = append(out, adminExchangeJSON{e.TrackID, e.Account, e.SpentAmount.String(), e.SpentCoin, e.Rate.String(), e.GetAmount.String(),
			e.GetCoin, e.Market, e.Side, adminStamp(e.Time)})
	}
	return out, nil
}

func (p *Provider) withdrawals(ctx context.Context) ([]adminWithdrawalJSON, error) {
	list, err := p.d.Store.ZipayAllWithdrawals(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]adminWithdrawalJSON, 0, len(list))
	for _, w := range list {
		out = append(out, adminWithdrawalJSON{w.TrackID, w.Account, w.OrderID, w.Coin, w.Network, w.Requested.String(), w.Amount.String(),
			w.Fee.String(), w.Address, w.Status, adminStamp(w.Time)})
	}
	return out, nil
}

// view serves one state list as {"<name>":[…]}.
func view[T any](p *Provider, name string, read func(context.Context) ([]T, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		list, err := read(r.Context())
		if err != nil {
			p.adminFailed(w, "zipay "+name, err)
			return
		}
		admin.WriteJSON(w, http.StatusOK, map[string]any{name: list})
	}
}

func (p *Provider) adminInvoices(w http.ResponseWriter, r *http.Request) {
	view(p, "invoices", p.invoices)(w, r)
}

func (p *Provider) adminTransfers(w http.ResponseWriter, r *http.Request) {
	view(p, "transfers", p.transfers)(w, r)
}

func (p *Provider) adminExchanges(w http.ResponseWriter, r *http.Request) {
	view(p, "exchanges", p.exchanges)(w, r)
}

func (p *Provider) adminWithdrawals(w http.ResponseWriter, r *http.Request) {
	view(p, "withdrawals", p.withdrawals)(w, r)
}

// StateViews fills the dashboard page /__admin/ui/state/zipay.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	accts, err := p.d.Store.ZipayAccountInfos(ctx)
	if err != nil {
		return nil, fmt.Errorf("zipay state: %w", err)
	}
	av := admin.StateView{Title: "Accounts", Columns: []string{"number", "email", "name", "USD", "USDT", "IRT"}}
	kv := admin.StateView{Title: "API keys", Columns: []string{"api key", "account", "methods", "ips", "enabled"}}
	for _, a := range accts {
		j := accountJSON(a)
		av.Rows = append(av.Rows, []string{strconv.FormatInt(a.Number, 10), a.Email, a.Name, j.Balances["USD"], j.Balances["USDT"], j.Balances["IRT"]})
		for _, k := range a.Keys {
			kv.Rows = append(kv.Rows, []string{k.APIKey, strconv.FormatInt(k.Account, 10), strings.Join(k.Methods, ", "), strings.Join(k.IPs, ", "), strconv.FormatBool(k.Enabled)})
		}
	}
	invs, err := p.invoices(ctx)
	if err != nil {
		return nil, fmt.Errorf("zipay state: %w", err)
	}
	iv := admin.StateView{Title: "Invoices", Columns: []string{"trackid", "account", "terminal", "invoice number", "amount", "currency", "state", "created"}}
	for _, i := range invs {
		iv.Rows = append(iv.Rows, []string{i.TrackID, strconv.FormatInt(i.Account, 10), strconv.FormatInt(i.Terminal, 10), i.InvoiceNumber, i.Amount, i.Currency, i.State, i.CreatedAt})
	}
	trs, err := p.transfers(ctx)
	if err != nil {
		return nil, fmt.Errorf("zipay state: %w", err)
	}
	tv := admin.StateView{Title: "Transfers", Columns: []string{"trackid", "sender", "receiver", "amount", "currency", "order id", "created"}}
	for _, t := range trs {
		tv.Rows = append(tv.Rows, []string{t.TrackID, strconv.FormatInt(t.Sender, 10), strconv.FormatInt(t.Receiver, 10), t.Amount, t.Currency, t.OrderID, t.CreatedAt})
	}
	exs, err := p.exchanges(ctx)
	if err != nil {
		return nil, fmt.Errorf("zipay state: %w", err)
	}
	ev := admin.StateView{Title: "Exchanges", Columns: []string{"trackid", "account", "spent", "rate", "got", "created"}}
	for _, e := range exs {
		ev.Rows = append(ev.Rows, []string{e.TrackID, strconv.FormatInt(e.Account, 10), e.SpentAmount + " " + e.SpentCoin, e.Rate, e.GetAmount + " " + e.GetCoin, e.CreatedAt})
	}
	wds, err := p.withdrawals(ctx)
	if err != nil {
		return nil, fmt.Errorf("zipay state: %w", err)
	}
	wv := admin.StateView{Title: "Withdrawals", Columns: []string{"trackid", "account", "order id", "amount", "network", "address", "status", "created"}}
	for _, w := range wds {
		wv.Rows = append(wv.Rows, []string{w.TrackID, strconv.FormatInt(w.Account, 10), strconv.FormatInt(w.OrderID, 10), w.Requested + " " + w.Coin, w.Network, w.Address, w.Status, w.CreatedAt})
	}
	return []admin.StateView{av, kv, iv, tv, ev, wv}, nil
}

var _ admin.StateViewer = (*Provider)(nil)
