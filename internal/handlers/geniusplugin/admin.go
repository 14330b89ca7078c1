package geniusplugin

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/store"
)

// MountAdmin serves the uniform account API and the state views under
// /__admin/geniusplugin. A reseller is named by its key, the only id the
// real API knows.
func (p *Provider) MountAdmin(r chi.Router) {
	p.accounts().Mount(r)
	admin.MountLists(r, p.d.Logger,
		admin.ListOf("packages", p.packageViews),
		admin.ListOf("ledger", p.ledgerViews))
}

// accountView shows a reseller; the key in full, as the fixtures document it.
type accountView struct {
	Name   string   `json:"name"`
	Key    string   `json:"key"`
	IPs    []string `json:"ips"`
	Credit string   `json:"credit"`
}

func newAccountView(r store.GPReseller) accountView {
	return accountView{Name: r.Name, Key: r.APIKey, IPs: admin.Prefixes(r.IPs), Credit: formatCents(r.CreditCents)}
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
		return out, admin.BadRequest("key: must be non-empty, without white space at either end")
	}
	if in.IPs != nil {
		ips, err := guard.ParsePrefixes(*in.IPs)
		if err != nil {
			return out, admin.BadRequest("ips: %s", err)
		}
		out.ips = ips
	}
	if in.Credit != nil {
		c, err := parsePrice(*in.Credit)
		if err != nil {
			return out, admin.BadRequest("credit: %s", err)
		}
		out.credit = &c
	}
	return out, nil
}

// keyTaken names the refusal of a key another reseller has.
func keyTaken(err error, key *string) error {
	if errors.Is(err, store.ErrGPKeyTaken) && key != nil {
		return admin.Conflictf("key: %q is already the key of another reseller", *key)
	}
	return err
}

// accounts is the uniform account resource; the id is the reseller key.
func (p *Provider) accounts() admin.Resource[accountView, accountInput, accountInput] {
	return admin.Resource[accountView, accountInput, accountInput]{
		Singular: "account", Plural: "accounts", Log: p.d.Logger,
		List: func(ctx context.Context) ([]accountView, error) {
			list, err := p.d.Store.GPResellers(ctx)
			return admin.Views(list, newAccountView), err
		},
		Get: func(ctx context.Context, id string) (accountView, error) {
			x, err := p.d.Store.GPResellerByKey(ctx, id)
			return newAccountView(x), err
		},
		Create: func(ctx context.Context, in accountInput) (accountView, error) {
			if err := admin.Require(admin.Given("key", in.Key)); err != nil {
				return accountView{}, err
			}
			v, err := in.check()
			if err != nil {
				return accountView{}, err
			}
			nr := store.GPReseller{APIKey: *in.Key, IPs: v.ips}
			if in.Name != nil {
				nr.Name = *in.Name
			}
			if v.credit != nil {
				nr.CreditCents = *v.credit
			}
			x, err := p.d.Store.GPCreateReseller(ctx, nr)
			return newAccountView(x), keyTaken(err, in.Key)
		},
		Patch: func(ctx context.Context, id string, in accountInput) (accountView, error) {
			v, err := in.check()
			if err != nil {
				return accountView{}, err
			}
			patch := store.GPResellerPatch{Name: in.Name, APIKey: in.Key, CreditCents: v.credit}
			if in.IPs != nil {
				patch.IPs = append([]netip.Prefix{}, v.ips...)
			}
			x, err := p.d.Store.GPUpdateReseller(ctx, id, patch, p.d.Clock.Now())
			return newAccountView(x), keyTaken(err, in.Key)
		},
		Delete: func(ctx context.Context, id string) error { return p.d.Store.GPDeleteReseller(ctx, id) },
	}
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
	return admin.Views(list, func(x store.GPPackageView) packageView {
		return packageView{Domain: x.Domain, Package: x.Package, Status: x.Status, Email: x.Email,
			CreatedAt: x.CreatedAt.UTC().Format(time.RFC3339), Expiry: x.ExpiresAt.UTC().Format(time.RFC3339), Reseller: x.ResellerKey}
	}), err
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
	return admin.Views(list, func(x store.GPLedgerView) ledgerView {
		return ledgerView{Reseller: x.ResellerKey, Domain: x.Domain, Action: x.Action, Amount: formatCents(x.AmountCents),
			Balance: formatCents(x.BalanceCents), At: x.At.UTC().Format(time.RFC3339)}
	}), err
}

// StateViews fills the dashboard's geniusplugin state page.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	tables, err := admin.Tables(ctx,
		admin.TableOf("Resellers", []string{"key", "name", "ips", "credit"}, p.accounts().List,
			func(v accountView) []string { return []string{v.Key, v.Name, strings.Join(v.IPs, " "), v.Credit} }),
		admin.TableOf("Packages", []string{"domain", "package", "status", "email", "created_at", "expiry", "reseller"}, p.packageViews,
			func(x packageView) []string {
				return []string{x.Domain, x.Package, x.Status, x.Email, x.CreatedAt, x.Expiry, x.Reseller}
			}),
		admin.TableOf("Credit ledger", []string{"at", "reseller", "domain", "action", "amount", "balance"}, p.ledgerViews,
			func(x ledgerView) []string {
				return []string{x.At, x.Reseller, x.Domain, x.Action, x.Amount, x.Balance}
			}),
	)
	if err != nil {
		return nil, fmt.Errorf("geniusplugin state: %w", err)
	}
	return tables, nil
}
