package zipay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

// The control plane of /__admin/zipay: accounts (e-mail, name, wallets) under
// /accounts and API keys (secret, IP list, methods, enabled) under /keys, so
// a test can provoke IP_NOT_ALLOWED, METHOD_NOT_ALLOWED or
// INSUFFICIENT_BALANCE without editing fixtures; read-only state views
// (admin_views.go); one wallet under /balances.

// MountAdmin serves /__admin/zipay/….
func (p *Provider) MountAdmin(r chi.Router) {
	log := p.adminLog()
	p.accounts().Mount(r)
	p.keys().Mount(r)
	r.Post("/balances", p.adminSetBalance)
	admin.MountLists(r, log,
		admin.ListOf("webhooks", p.webhookViews),
		admin.ListOf("invoices", p.invoices),
		admin.ListOf("transfers", p.transfers),
		admin.ListOf("exchanges", p.exchanges),
		admin.ListOf("withdrawals", p.withdrawals))
}

func (p *Provider) adminLog() *slog.Logger { return p.d.Logger.With("provider", p.Name()) }

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

func accountJSON(a store.ZipayAccountInfo) adminAccountJSON {
	out := adminAccountJSON{Number: a.Number, Email: a.Email, Name: a.Name, Balances: map[string]string{},
		Terminals: []adminTerminalJSON{}, Keys: admin.Views(a.Keys, keyJSON)}
	for _, b := range a.Balances {
		out.Balances[b.Currency] = b.Amount.String()
	}
	for _, t := range a.Terminals {
		out.Terminals = append(out.Terminals, adminTerminalJSON{t.Number, t.Name})
	}
	return out
}

// accountCreate is the body of POST /accounts.
type accountCreate struct {
	Number   *int64            `json:"number"`
	Email    *string           `json:"email"`
	Name     *string           `json:"name"`
	Balances map[string]string `json:"balances"`
}

// accountPatch is the body of PATCH /accounts/{number}: the number is the
// account's identity and cannot change.
type accountPatch struct {
	Email    *string           `json:"email"`
	Name     *string           `json:"name"`
	Balances map[string]string `json:"balances"`
}

// parseBalances reads {"USD":"1000.00",…}: known currencies, non-negative
// plain decimal strings.
func parseBalances(in map[string]string) (map[string]store.ZipayAmount, error) {
	out := map[string]store.ZipayAmount{}
	for cur, v := range in {
		if _, ok := coins[cur]; !ok {
			return nil, admin.BadRequest("balances: unknown currency %q (USD, USDT or IRT)", cur)
		}
		amt, err := store.ParseZipayAmount(v)
		if err != nil || amt.Sign() < 0 {
			return nil, admin.BadRequest("balances.%s: %q is not a non-negative plain decimal string", cur, v)
		}
		out[cur] = amt
	}
	return out, nil
}

// checkEmail is a light check: the mock needs an address to match invoices
// and transfers by, not RFC 5322.
func checkEmail(s string) error {
	if at := strings.IndexByte(s, '@'); at < 1 || at == len(s)-1 || len(s) > 254 {
		return admin.BadRequest("email: %q is not an e-mail address", s)
	}
	return nil
}

// accountNumber reads the id of /accounts/{number}; anything but a number is
// an account that does not exist.
func accountNumber(id string) (int64, error) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return 0, store.ErrNotFound
	}
	return n, nil
}

// accounts is the uniform account resource; the id is the account number.
func (p *Provider) accounts() admin.Resource[adminAccountJSON, accountCreate, accountPatch] {
	return admin.Resource[adminAccountJSON, accountCreate, accountPatch]{
		Singular: "account", Plural: "accounts", Log: p.adminLog(),
		List: func(ctx context.Context) ([]adminAccountJSON, error) {
			list, err := p.d.Store.ZipayAccountInfos(ctx)
			return admin.Views(list, accountJSON), err
		},
		Get:    p.account,
		Create: p.createAccount,
		Patch:  p.patchAccount,
		Delete: func(ctx context.Context, id string) error {
			n, err := accountNumber(id)
			if err != nil {
				return err
			}
			return p.d.Store.DeleteZipayAccount(ctx, n)
		},
	}
}

// account reads the account as it now is.
func (p *Provider) account(ctx context.Context, id string) (adminAccountJSON, error) {
	n, err := accountNumber(id)
	if err != nil {
		return adminAccountJSON{}, err
	}
	a, err := p.d.Store.ZipayAccountInfo(ctx, n)
	if err != nil {
		return adminAccountJSON{}, fmt.Errorf("zipay account: %w", err)
	}
	return accountJSON(a), nil
}

func (p *Provider) createAccount(ctx context.Context, in accountCreate) (adminAccountJSON, error) {
	if in.Number == nil || *in.Number <= 0 {
		return adminAccountJSON{}, admin.BadRequest("number: required, a positive integer")
	}
	if err := admin.Require(admin.Given("email", in.Email)); err != nil {
		return adminAccountJSON{}, err
	}
	if err := checkEmail(*in.Email); err != nil {
		return adminAccountJSON{}, err
	}
	if in.Name == nil || *in.Name == "" {
		return adminAccountJSON{}, admin.BadRequest("name: required, non-empty")
	}
	bal, err := parseBalances(in.Balances)
	if err != nil {
		return adminAccountJSON{}, err
	}
	err = p.d.Store.CreateZipayAccount(ctx, store.ZipayAccount{Number: *in.Number, Email: *in.Email, Name: *in.Name}, bal)
	switch {
	case errors.Is(err, store.ErrZipayExists):
		return adminAccountJSON{}, admin.Conflictf("account %d or email %s already exists", *in.Number, *in.Email)
	case err != nil:
		return adminAccountJSON{}, fmt.Errorf("zipay create account: %w", err)
	}
	return p.account(ctx, strconv.FormatInt(*in.Number, 10))
}

func (p *Provider) patchAccount(ctx context.Context, id string, in accountPatch) (adminAccountJSON, error) {
	if in.Email != nil {
		if err := checkEmail(*in.Email); err != nil {
			return adminAccountJSON{}, err
		}
	}
	if in.Name != nil && *in.Name == "" {
		return adminAccountJSON{}, admin.BadRequest("name: must not be empty")
	}
	bal, err := parseBalances(in.Balances)
	if err != nil {
		return adminAccountJSON{}, err
	}
	n, err := accountNumber(id)
	if err != nil {
		return adminAccountJSON{}, err
	}
	err = p.d.Store.UpdateZipayAccount(ctx, n, in.Email, in.Name, bal)
	switch {
	case errors.Is(err, store.ErrZipayExists):
		return adminAccountJSON{}, admin.Conflictf("email %s belongs to another account", *in.Email)
	case err != nil:
		return adminAccountJSON{}, fmt.Errorf("zipay update account: %w", err)
	}
	return p.account(ctx, id)
}

// adminSetBalance sets one wallet: {"account":10025,"currency":"IRT","amount":"500000000"}.
func (p *Provider) adminSetBalance(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Account  int64  `json:"account"`
		Currency string `json:"currency"`
		Amount   string `json:"amount"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	amt, err := store.ParseZipayAmount(in.Amount)
	if _, known := coins[in.Currency]; err != nil || !known || amt.Sign() < 0 {
		admin.WriteError(w, http.StatusBadRequest, "currency must be USD, USDT or IRT and amount a non-negative plain decimal string")
		return
	}
	err = p.d.Store.SetZipayBalance(r.Context(), in.Account, in.Currency, amt)
	if admin.StoreError(w, p.adminLog(), err, fmt.Sprintf("no zipay account %d", in.Account)) {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"account": in.Account, "currency": in.Currency, "amount": amt.String()})
}
