package gempay

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/store"
)

// accountView is an account as the admin API shows it. The key is shown in
// full: fixture keys are documented samples, and a test needs the real value.
type accountView struct {
	ID      int64    `json:"id"`
	APIKey  string   `json:"api_key"`
	Name    string   `json:"name"`
	Role    string   `json:"role"`
	Balance int64    `json:"balance"`
	IPs     []string `json:"ips"`
}

func newAccountView(u store.GempayUser) accountView {
	return accountView{ID: u.ID, APIKey: u.APIKey, Name: u.Name, Role: u.Role, Balance: u.Balance, IPs: prefixStrings(u.IPs)}
}

// prefixStrings shows a single-address prefix as the bare address, the way
// whitelists are usually written (and the fixtures write them).
func prefixStrings(list []netip.Prefix) []string {
	out := make([]string, 0, len(list))
	for _, p := range list {
		if p.IsSingleIP() {
			out = append(out, p.Addr().String())
			continue
		}
		out = append(out, p.String())
	}
	return out
}

// accountInput is the body of POST and PATCH; nil means "not given".
type accountInput struct {
	APIKey  *string   `json:"api_key"`
	Name    *string   `json:"name"`
	Role    *string   `json:"role"`
	Balance *int64    `json:"balance"`
	IPs     *[]string `json:"ips"`
}

// check validates the fields that are given.
func (in accountInput) check() error {
	if in.APIKey != nil && strings.TrimSpace(*in.APIKey) == "" {
		return errors.New("api_key: must not be empty")
	}
	if in.APIKey != nil && *in.APIKey != strings.TrimSpace(*in.APIKey) {
		return errors.New("api_key: must not start or end with white space")
	}
	if in.Role != nil && strings.TrimSpace(*in.Role) == "" {
		return errors.New("role: must not be empty")
	}
	if in.Balance != nil && *in.Balance < 0 {
		return fmt.Errorf("balance: %d is negative; give whole rupiah, 0 or more", *in.Balance)
	}
	if in.IPs != nil {
		if _, err := guard.ParsePrefixes(*in.IPs); err != nil {
			return fmt.Errorf("ips: %w", err)
		}
	}
	return nil
}

func (p *Provider) adminListAccounts(w http.ResponseWriter, r *http.Request) {
	users, err := p.d.Store.GempayUsers(r.Context(), p.d.Clock.Now())
	if admin.StoreError(w, p.d.Logger, err, "") {
		return
	}
	out := make([]accountView, 0, len(users))
	for _, u := range users {
		out = append(out, newAccountView(u))
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

func (p *Provider) adminGetAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	u, err := p.d.Store.GempayUserByRef(r.Context(), id, p.d.Clock.Now())
	if admin.StoreError(w, p.d.Logger, err, "account "+id+" not found") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, newAccountView(u))
}

func (p *Provider) adminCreateAccount(w http.ResponseWriter, r *http.Request) {
	var in accountInput
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	switch {
	case in.APIKey == nil:
		admin.Errorf(w, http.StatusBadRequest, "api_key: required")
		return
	case in.Role == nil:
		admin.Errorf(w, http.StatusBadRequest, "role: required")
		return
	}
	if err := in.check(); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	u := store.GempayUser{APIKey: *in.APIKey, Role: *in.Role}
	if in.Name != nil {
		u.Name = *in.Name
	}
	if in.Balance != nil {
		u.Balance = *in.Balance
	}
	var ips []string
	if in.IPs != nil {
		ips = *in.IPs
	}
	u, err := p.d.Store.GempayCreateUser(r.Context(), u, ips)
	if p.accountErr(r.Context(), w, err, *in.APIKey, in.Role) {
		return
	}
	admin.WriteJSON(w, http.StatusCreated, newAccountView(u))
}

func (p *Provider) adminPatchAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var in accountInput
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	if err := in.check(); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	patch := store.GempayUserPatch{APIKey: in.APIKey, Name: in.Name, Role: in.Role, Balance: in.Balance}
	if in.IPs != nil {
		patch.IPs = append([]string{}, *in.IPs...)
	}
	u, err := p.d.Store.GempayUpdateUser(r.Context(), id, patch, p.d.Clock.Now())
	if store.IsNotFound(err) {
		admin.Errorf(w, http.StatusNotFound, "account %s not found", id)
		return
	}
	key := ""
	if in.APIKey != nil {
		key = *in.APIKey
	}
	if p.accountErr(r.Context(), w, err, key, in.Role) {
		return
	}
	admin.WriteJSON(w, http.StatusOK, newAccountView(u))
}

// accountErr answers the refusals of a create or update; true when it answered.
func (p *Provider) accountErr(ctx context.Context, w http.ResponseWriter, err error, key string, role *string) bool {
	switch {
	case errors.Is(err, store.ErrGempayKeyTaken):
		admin.Errorf(w, http.StatusConflict, "api_key: %q is already the key of another account", key)
		return true
	case errors.Is(err, store.ErrGempayUnknownRole) && role != nil:
		roles, rerr := p.d.Store.GempayRoles(ctx)
		if rerr != nil {
			p.d.Logger.Error("gempay admin: roles", "err", rerr)
		}
		admin.Errorf(w, http.StatusBadRequest, "role: %q is not one of %s", *role, strings.Join(roles, ", "))
		return true
	}
	return admin.StoreError(w, p.d.Logger, err, "")
}

// adminOrderView is an order as the state view shows it: user_id, zone and
// produk_id as the client sent them, status as of the mock clock.
type adminOrderView struct {
	OrderID   string `json:"order_id"`
	RefID     string `json:"ref_id"`
	APIKey    string `json:"api_key"`
	UserID    string `json:"user_id"`
	Zone      string `json:"zone"`
	ProdukID  string `json:"produk_id"`
	Produk    string `json:"produk"`
	Harga     int64  `json:"harga"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
}

func (p *Provider) orderViews(ctx context.Context) ([]adminOrderView, error) {
	list, err := p.d.Store.GempayAllOrders(ctx, p.d.Clock.Now())
	if err != nil {
		return nil, err
	}
	out := make([]adminOrderView, 0, len(list))
	for _, o := range list {
		out = append(out, adminOrderView{OrderID: o.OrderID, RefID: o.RefID, APIKey: o.APIKey, UserID: o.GameUserID, Zone: o.Zone,
			ProdukID: o.Kode, Produk: o.Produk, Harga: o.Harga, Status: o.Status, CreatedAt: o.CreatedAt.UTC().Format(time.RFC3339)})
	}
	return out, nil
}

func (p *Provider) adminOrders(w http.ResponseWriter, r *http.Request) {
	out, err := p.orderViews(r.Context())
	if admin.StoreError(w, p.d.Logger, err, "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"orders": out})
}

type adminProductView struct {
	Kode     string           `json:"kode"`
	Kategori string           `json:"kategori"`
	Produk   string           `json:"produk"`
	Catatan  string           `json:"catatan"`
	Status   string           `json:"status"`
	Harga    map[string]int64 `json:"harga"`
}

func (p *Provider) productViews(ctx context.Context) ([]adminProductView, error) {
	list, err := p.d.Store.GempayAllProducts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]adminProductView, 0, len(list))
	for _, x := range list {
		out = append(out, adminProductView{Kode: x.Kode, Kategori: x.Kategori, Produk: x.Produk, Catatan: x.Catatan, Status: x.Status, Harga: x.Harga})
	}
	return out, nil
}

func (p *Provider) adminProducts(w http.ResponseWriter, r *http.Request) {
	out, err := p.productViews(r.Context())
	if admin.StoreError(w, p.d.Logger, err, "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"products": out})
}

// StateViews fills the dashboard's gempay state page.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	users, err := p.d.Store.GempayUsers(ctx, p.d.Clock.Now())
	if err != nil {
		return nil, err
	}
	accounts := admin.StateView{Title: "Accounts", Columns: []string{"id", "api_key", "name", "role", "balance", "ips"}}
	for _, u := range users {
		v := newAccountView(u)
		accounts.Rows = append(accounts.Rows, []string{strconv.FormatInt(v.ID, 10), v.APIKey, v.Name, v.Role, strconv.FormatInt(v.Balance, 10), strings.Join(v.IPs, " ")})
	}
	orders, err := p.orderViews(ctx)
	if err != nil {
		return nil, err
	}
	ov := admin.StateView{Title: "Orders", Columns: []string{"order_id", "ref_id", "api_key", "user_id", "zone", "produk_id", "harga", "status", "created_at"}}
	for _, o := range orders {
		ov.Rows = append(ov.Rows, []string{o.OrderID, o.RefID, o.APIKey, o.UserID, o.Zone, o.ProdukID, strconv.FormatInt(o.Harga, 10), o.Status, o.CreatedAt})
	}
	products, err := p.productViews(ctx)
	if err != nil {
		return nil, err
	}
	roles, err := p.d.Store.GempayRoles(ctx)
	if err != nil {
		return nil, err
	}
	pv := admin.StateView{Title: "Products", Columns: append([]string{"kode", "produk", "kategori", "status"}, roles...)}
	for _, x := range products {
		row := []string{x.Kode, x.Produk, x.Kategori, x.Status}
		for _, role := range roles {
			row = append(row, strconv.FormatInt(x.Harga[role], 10))
		}
		pv.Rows = append(pv.Rows, row)
	}
	return []admin.StateView{accounts, ov, pv}, nil
}
