package gempay

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

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
	return accountView{ID: u.ID, APIKey: u.APIKey, Name: u.Name, Role: u.Role, Balance: u.Balance, IPs: admin.Prefixes(u.IPs)}
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
		return admin.BadRequest("api_key: must not be empty")
	}
	if in.APIKey != nil && *in.APIKey != strings.TrimSpace(*in.APIKey) {
		return admin.BadRequest("api_key: must not start or end with white space")
	}
	if in.Role != nil && strings.TrimSpace(*in.Role) == "" {
		return admin.BadRequest("role: must not be empty")
	}
	if in.Balance != nil && *in.Balance < 0 {
		return admin.BadRequest("balance: %d is negative; give whole rupiah, 0 or more", *in.Balance)
	}
	if in.IPs != nil {
		if _, err := guard.ParsePrefixes(*in.IPs); err != nil {
			return admin.BadRequest("ips: %s", err)
		}
	}
	return nil
}

// accounts is the uniform account resource; the id is the API key, or the
// numeric id.
func (p *Provider) accounts() admin.Resource[accountView, accountInput, accountInput] {
	return admin.Resource[accountView, accountInput, accountInput]{
		Singular: "account", Plural: "accounts", Log: p.d.Logger,
		List: func(ctx context.Context) ([]accountView, error) {
			users, err := p.d.Store.GempayUsers(ctx, p.d.Clock.Now())
			return admin.Views(users, newAccountView), err
		},
		Get: func(ctx context.Context, id string) (accountView, error) {
			u, err := p.d.Store.GempayUserByRef(ctx, id, p.d.Clock.Now())
			return newAccountView(u), err
		},
		Create: p.createAccount,
		Patch: func(ctx context.Context, id string, in accountInput) (accountView, error) {
			if err := in.check(); err != nil {
				return accountView{}, err
			}
			patch := store.GempayUserPatch{APIKey: in.APIKey, Name: in.Name, Role: in.Role, Balance: in.Balance}
			if in.IPs != nil {
				patch.IPs = append([]string{}, *in.IPs...)
			}
			u, err := p.d.Store.GempayUpdateUser(ctx, id, patch, p.d.Clock.Now())
			return newAccountView(u), p.accountErr(ctx, err, in)
		},
		Delete: func(ctx context.Context, id string) error { return p.d.Store.GempayDeleteAccount(ctx, id) },
	}
}

func (p *Provider) createAccount(ctx context.Context, in accountInput) (accountView, error) {
	if err := admin.Require(admin.Given("api_key", in.APIKey), admin.Given("role", in.Role)); err != nil {
		return accountView{}, err
	}
	if err := in.check(); err != nil {
		return accountView{}, err
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
	u, err := p.d.Store.GempayCreateUser(ctx, u, ips)
	return newAccountView(u), p.accountErr(ctx, err, in)
}

// accountErr names the refusals of a create or update: a taken key, a role
// no product is priced for.
func (p *Provider) accountErr(ctx context.Context, err error, in accountInput) error {
	switch {
	case errors.Is(err, store.ErrGempayKeyTaken) && in.APIKey != nil:
		return admin.Conflictf("api_key: %q is already the key of another account", *in.APIKey)
	case errors.Is(err, store.ErrGempayUnknownRole) && in.Role != nil:
		roles, rerr := p.d.Store.GempayRoles(ctx)
		if rerr != nil {
			p.d.Logger.Error("gempay admin: roles", "err", rerr)
		}
		return admin.BadRequest("role: %q is not one of %s", *in.Role, strings.Join(roles, ", "))
	}
	return err
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
	return admin.Views(list, func(o store.GempayOrderView) adminOrderView {
		return adminOrderView{OrderID: o.OrderID, RefID: o.RefID, APIKey: o.APIKey, UserID: o.GameUserID, Zone: o.Zone,
			ProdukID: o.Kode, Produk: o.Produk, Harga: o.Harga, Status: o.Status, CreatedAt: o.CreatedAt.UTC().Format(time.RFC3339)}
	}), err
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
	return admin.Views(list, func(x store.GempayProductPrices) adminProductView {
		return adminProductView{Kode: x.Kode, Kategori: x.Kategori, Produk: x.Produk, Catatan: x.Catatan, Status: x.Status, Harga: x.Harga}
	}), err
}

// StateViews fills the dashboard's gempay state page.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	tables, err := admin.Tables(ctx,
		admin.TableOf("Accounts", []string{"id", "api_key", "name", "role", "balance", "ips"}, p.accounts().List, func(v accountView) []string {
			return []string{strconv.FormatInt(v.ID, 10), v.APIKey, v.Name, v.Role, strconv.FormatInt(v.Balance, 10), strings.Join(v.IPs, " ")}
		}),
		admin.TableOf("Orders", []string{"order_id", "ref_id", "api_key", "user_id", "zone", "produk_id", "harga", "status", "created_at"}, p.orderViews,
			func(o adminOrderView) []string {
				return []string{o.OrderID, o.RefID, o.APIKey, o.UserID, o.Zone, o.ProdukID, strconv.FormatInt(o.Harga, 10), o.Status, o.CreatedAt}
			}),
		p.productTable,
	)
	if err != nil {
		return nil, fmt.Errorf("gempay state: %w", err)
	}
	return tables, nil
}

// productTable shows a price column per role the products are priced for.
func (p *Provider) productTable(ctx context.Context) (admin.StateView, error) {
	roles, err := p.d.Store.GempayRoles(ctx)
	if err != nil {
		return admin.StateView{}, err
	}
	return admin.TableOf("Products", append([]string{"kode", "produk", "kategori", "status"}, roles...), p.productViews, func(x adminProductView) []string {
		row := []string{x.Kode, x.Produk, x.Kategori, x.Status}
		for _, role := range roles {
			row = append(row, strconv.FormatInt(x.Harga[role], 10))
		}
		return row
	})(ctx)
}
