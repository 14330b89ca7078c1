package geniusplugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/store"
)

// MountAdmin serves the uniform account API and the state views under
// /__admin/geniusplugin. A reseller is named by its key, the only id the
// real API knows.
func (p *Provider) MountAdmin(r chi.Router) {
	r.Get("/accounts", p.adminListAccounts)
	r.Post("/accounts", p.adminCreateAccount)
	r.Get("/accounts/{id}", p.adminGetAccount)
	r.Patch("/accounts/{id}", p.adminPatchAccount)
	r.Get("/packages", p.adminPackages)
	r.Get("/ledger", p.adminLedger)
}

// accountView shows a reseller; the key in full, as the fixtures document it.
type accountView struct {
	Name   string   `json:"name"`
	Key    string   `json:"key"`
	IPs    []string `json:"ips"`
	Credit string   `json:"credit"`
}

func newAccountView(r store.GPReseller) accountView {
	ips := make([]string, 0, len(r.IPs))
	for _, p := range r.IPs {
		if p.IsSingleIP() {
			ips = append(ips, p.Addr().String())
			continue
		}
		ips = append(ips, p.String())
	}
	return accountView{Name: r.Name, Key: r.APIKey, IPs: ips, Credit: formatCents(r.CreditCents)}
}

// accountInput is the body of POST and PATCH; nil means "not given".
type accountInput struct {
	Name   *string   `json:"name"`
	Key    *string   `json:"key"`
	IPs    *[]string `json:"ips"`
	Credit *string   `json:"credit"`
}

// parsed is an accountInput after validation.
type parsed struct {
	ips    []netip.Prefix
	credit *int64
}

func (in accountInput) check() (parsed, error) {
	var out parsed
	if in.Key != nil && (strings.TrimSpace(*in.Key) == "" || *in.Key != strings.TrimSpace(*in.Key)) {
		return out, errors.New("key: must be non-empty, without white space at either end")
	}
	if in.IPs != nil {
		ips, err := guard.ParsePrefixes(*in.IPs)
		if err != nil {
			return out, fmt.Errorf("ips: %w", err)
		}
		out.ips = ips
	}
	if in.Credit != nil {
		c, err := config.ParseGeniuspluginPrice(*in.Credit)
		if err != nil {
			return out, fmt.Errorf("credit: %w", err)
		}
		out.credit = &c
	}
	return out, nil
}

// adminStoreErr answers a store failure; true when it answered.
func (p *Provider) adminStoreErr(w http.ResponseWriter, err error, id, key string) bool {
	return admin.StoreError(w, p.d.Logger, err, "account "+id+" not found",
		admin.Conflict{Err: store.ErrGPKeyTaken, Msg: fmt.Sprintf("key: %q is already the key of another reseller", key)})
}

func (p *Provider) adminListAccounts(w http.ResponseWriter, r *http.Request) {
	list, err := p.d.Store.GPResellers(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	out := make([]accountView, 0, len(list))
	for _, x := range list {
		out = append(out, newAccountView(x))
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

func (p *Provider) adminGetAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	x, err := p.d.Store.GPResellerByKey(r.Context(), id)
	if p.adminStoreErr(w, err, id, "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, newAccountView(x))
}

func (p *Provider) adminCreateAccount(w http.ResponseWriter, r *http.Request) {
	var in accountInput
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	if in.Key == nil {
		admin.Errorf(w, http.StatusBadRequest, "key: required")
		return
	}
	v, err := in.check()
	if err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	nr := store.GPReseller{APIKey: *in.Key, IPs: v.ips}
	if in.Name != nil {
		nr.Name = *in.Name
	}
	if v.credit != nil {
		nr.CreditCents = *v.credit
	}
	x, err := p.d.Store.GPCreateReseller(r.Context(), nr)
	if p.adminStoreErr(w, err, *in.Key, *in.Key) {
		return
	}
	admin.WriteJSON(w, http.StatusCreated, newAccountView(x))
}

func (p *Provider) adminPatchAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var in accountInput
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	v, err := in.check()
	if err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	patch := store.GPResellerPatch{Name: in.Name, APIKey: in.Key, CreditCents: v.credit}
	if in.IPs != nil {
		patch.IPs = append([]netip.Prefix{}, v.ips...)
	}
	key := ""
	if in.Key != nil {
		key = *in.Key
	}
	x, err := p.d.Store.GPUpdateReseller(r.Context(), id, patch, p.d.Clock.Now())
	if p.adminStoreErr(w, err, id, key) {
		return
	}
	admin.WriteJSON(w, http.StatusOK, newAccountView(x))
}

// packageView is a package as the state view shows it. The end user's
// password stays out: the state view is for seeing what a client did.
type packageView struct {
	Domain    string `json:"domain"`
	Package   string `json:"package"`
	Status    string `json:"status"`
	Email     string `json:"email"`
	CreatedAt string `json:"created_at"`
	Expiry    string `json:"expiry"`
	Reseller  string `json:"reseller"`
}

func (p *Provider) packageViews(ctx context.Context) ([]packageView, error) {
	list, err := p.d.Store.GPAllPackages(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]packageView, 0, len(list))
	for _, x := range list {
		out = append(out, packageView{Domain: x.Domain, Package: x.Package, Status: x.Status, Email: x.Email,
			CreatedAt: x.CreatedAt.UTC().Format(time.RFC3339), Expiry: x.ExpiresAt.UTC().Format(time.RFC3339), Reseller: x.ResellerKey})
	}
	return out, nil
}

func (p *Provider) adminPackages(w http.ResponseWriter, r *http.Request) {
	out, err := p.packageViews(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"packages": out})
}

// ledgerView is one credit movement; amounts in the API's decimal form.
type ledgerView struct {
	Reseller string `json:"reseller"`
	Domain   string `json:"domain"`
	Action   string `json:"action"`
	Amount   string `json:"amount"`
	Balance  string `json:"balance"`
	At       string `json:"at"`
}

func (p *Provider) ledgerViews(ctx context.Context) ([]ledgerView, error) {
	list, err := p.d.Store.GPAllLedger(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ledgerView, 0, len(list))
	for _, x := range list {
		out = append(out, ledgerView{Reseller: x.ResellerKey, Domain: x.Domain, Action: x.Action, Amount: formatCents(x.AmountCents),
			Balance: formatCents(x.BalanceCents), At: x.At.UTC().Format(time.RFC3339)})
	}
	return out, nil
}

func (p *Provider) adminLedger(w http.ResponseWriter, r *http.Request) {
	out, err := p.ledgerViews(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"ledger": out})
}

// StateViews fills the dashboard's geniusplugin state page.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	list, err := p.d.Store.GPResellers(ctx)
	if err != nil {
		return nil, err
	}
	acc := admin.StateView{Title: "Resellers", Columns: []string{"key", "name", "ips", "credit"}}
	for _, x := range list {
		v := newAccountView(x)
		acc.Rows = append(acc.Rows, []string{v.Key, v.Name, strings.Join(v.IPs, " "), v.Credit})
	}
	pkgs, err := p.packageViews(ctx)
	if err != nil {
		return nil, err
	}
	pv := admin.StateView{Title: "Packages", Columns: []string{"domain", "package", "status", "email", "created_at", "expiry", "reseller"}}
	for _, x := range pkgs {
		pv.Rows = append(pv.Rows, []string{x.Domain, x.Package, x.Status, x.Email, x.CreatedAt, x.Expiry, x.Reseller})
	}
	led, err := p.ledgerViews(ctx)
	if err != nil {
		return nil, err
	}
	lv := admin.StateView{Title: "Credit ledger", Columns: []string{"at", "reseller", "domain", "action", "amount", "balance"}}
	for _, x := range led {
		lv.Rows = append(lv.Rows, []string{x.At, x.Reseller, x.Domain, x.Action, x.Amount, x.Balance})
	}
	return []admin.StateView{acc, pv, lv}, nil
}
