package hostdime

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

// MountAdmin serves the uniform account API and the state views under
// /__admin/hostdime. An account is named by its public key (api_key), the
// only id a request carries.
func (p *Provider) MountAdmin(r chi.Router) {
	p.accounts().Mount(r)
	admin.MountLists(r, p.d.Logger,
		admin.ListOf("servers", p.serviceViews(store.HostdimeServer)),
		admin.ListOf("vps", p.serviceViews(store.HostdimeVPS)),
		admin.ListOf("domains", p.domainViews),
		admin.ListOf("tickets", p.ticketViews),
		admin.ListOf("rdns", p.rdnsViews))
}

// accountView shows a key pair in full: the fixture keys are documented samples.
type accountView struct {
	Name       string `json:"name"`
	PublicKey  string `json:"public_key"`
	PrivateKey string `json:"private_key"`
}

func newAccountView(a store.HostdimeAccount) accountView {
	return accountView{Name: a.Name, PublicKey: a.APIKey, PrivateKey: a.PrivateKey}
}

// accountInput is the body of POST and PATCH; nil means "not given".
type accountInput struct {
	Name       *string `json:"name"`
	PublicKey  *string `json:"public_key"`
	PrivateKey *string `json:"private_key"`
}

func (in accountInput) check() error {
	for _, f := range []struct {
		name string
		v    *string
	}{{"public_key", in.PublicKey}, {"private_key", in.PrivateKey}} {
		if f.v != nil && (*f.v == "" || strings.TrimSpace(*f.v) != *f.v) {
			return admin.BadRequest("%s: must be non-empty, without white space at either end", f.name)
		}
	}
	return nil
}

// keyTaken names the refusal of a public key another account has.
func keyTaken(err error, key *string) error {
	if errors.Is(err, store.ErrHostdimeKeyTaken) && key != nil {
		return admin.Conflictf("public_key: %q is already the key of another account", *key)
	}
	return err
}

// accounts is the uniform account resource; the id is the public key.
func (p *Provider) accounts() admin.Resource[accountView, accountInput, accountInput] {
	return admin.Resource[accountView, accountInput, accountInput]{
		Singular: "account", Plural: "accounts", Log: p.d.Logger,
		List: func(ctx context.Context) ([]accountView, error) {
			list, err := p.d.Store.HostdimeAccounts(ctx)
			return admin.Views(list, newAccountView), err
		},
		Get: func(ctx context.Context, id string) (accountView, error) {
			a, err := p.d.Store.HostdimeAccountByKey(ctx, id)
			return newAccountView(a), err
		},
		Create: func(ctx context.Context, in accountInput) (accountView, error) {
			err := admin.Require(admin.Given("public_key", in.PublicKey), admin.Given("private_key", in.PrivateKey))
			if err == nil {
				err = in.check()
			}
			if err != nil {
				return accountView{}, err
			}
			a := store.HostdimeAccount{APIKey: *in.PublicKey, PrivateKey: *in.PrivateKey}
			if in.Name != nil {
				a.Name = *in.Name
			}
			a, err = p.d.Store.HostdimeCreateAccount(ctx, a)
			return newAccountView(a), keyTaken(err, in.PublicKey)
		},
		Patch: func(ctx context.Context, id string, in accountInput) (accountView, error) {
			if err := in.check(); err != nil {
				return accountView{}, err
			}
			a, err := p.d.Store.HostdimeUpdateAccount(ctx, id, store.HostdimeAccountPatch{Name: in.Name, APIKey: in.PublicKey, PrivateKey: in.PrivateKey})
			return newAccountView(a), keyTaken(err, in.PublicKey)
		},
		Delete: func(ctx context.Context, id string) error { return p.d.Store.HostdimeDeleteAccount(ctx, id) },
	}
}

// serviceView is a server or VPS in the state view.
type serviceView struct {
	CUID    string `json:"cuid"`
	Account string `json:"account"`
	Label   string `json:"label"`
	Name    string `json:"name"`
	Status  string `json:"status"`
	Power   string `json:"power"`
	IPMain  string `json:"ip_main"`
}

func (p *Provider) serviceViews(kind string) func(context.Context) ([]serviceView, error) {
	return func(ctx context.Context) ([]serviceView, error) {
		list, err := p.d.Store.HostdimeAllServices(ctx, kind)
		return admin.Views(list, func(o store.HostdimeOwned[store.HostdimeService]) serviceView {
			s := o.Item
			return serviceView{CUID: s.CUID, Account: o.APIKey, Label: s.Label, Name: s.Name, Status: s.Status, Power: s.Power, IPMain: s.IPMain}
		}), err
	}
}

// domainView is a domain with its status as of the mock clock.
type domainView struct {
	Domain  string `json:"domain"`
	Account string `json:"account"`
	Status  string `json:"status"`
	Created string `json:"created"`
	Expires string `json:"expires"`
}

func (p *Provider) domainViews(ctx context.Context) ([]domainView, error) {
	list, err := p.d.Store.HostdimeAllDomains(ctx)
	today := p.d.Clock.Now().UTC().Format(dateLayout)
	return admin.Views(list, func(o store.HostdimeOwned[store.HostdimeDomain]) domainView {
		return domainView{Domain: o.Item.Domain, Account: o.APIKey, Status: domainStatus(o.Item, today), Created: o.Item.Created, Expires: o.Item.Expires}
	}), err
}

type ticketView struct {
	ID         int64  `json:"id"`
	Account    string `json:"account"`
	CUID       string `json:"cuid"`
	Department string `json:"department"`
	Priority   string `json:"priority"`
	Subject    string `json:"subject"`
	Body       string `json:"body"`
	Status     string `json:"status"`
	CreatedAt  string `json:"created_at"`
}

func (p *Provider) ticketViews(ctx context.Context) ([]ticketView, error) {
	list, err := p.d.Store.HostdimeAllTickets(ctx)
	return admin.Views(list, func(o store.HostdimeOwned[store.HostdimeTicket]) ticketView {
		t := o.Item
		return ticketView{ID: t.ID, Account: o.APIKey, CUID: t.CUID, Department: t.Department, Priority: t.Priority,
			Subject: t.Subject, Body: t.Body, Status: t.Status, CreatedAt: t.CreatedAt.UTC().Format(time.RFC3339)}
	}), err
}

type rdnsView struct {
	IP      string `json:"ip"`
	PTR     string `json:"ptr"`
	CUID    string `json:"cuid"`
	Account string `json:"account"`
}

func (p *Provider) rdnsViews(ctx context.Context) ([]rdnsView, error) {
	list, err := p.d.Store.HostdimeAllRDNS(ctx)
	return admin.Views(list, func(o store.HostdimeOwned[store.HostdimeRDNSRow]) rdnsView {
		return rdnsView{IP: o.Item.IP, PTR: o.Item.PTR, CUID: o.Item.CUID, Account: o.APIKey}
	}), err
}

// StateViews fills the dashboard's hostdime state page.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	service := func(s serviceView) []string {
		return []string{s.CUID, s.Account, s.Label, s.Name, s.Status, s.Power, s.IPMain}
	}
	serviceCols := []string{"cuid", "account", "label", "name", "status", "power", "ip_main"}
	tables, err := admin.Tables(ctx,
		admin.TableOf("Accounts", []string{"public_key", "name"}, p.accounts().List, func(a accountView) []string { return []string{a.PublicKey, a.Name} }),
		admin.TableOf("Servers", serviceCols, p.serviceViews(store.HostdimeServer), service),
		admin.TableOf("VPS", serviceCols, p.serviceViews(store.HostdimeVPS), service),
		admin.TableOf("Domains", []string{"domain", "account", "status", "created", "expires"}, p.domainViews,
			func(d domainView) []string { return []string{d.Domain, d.Account, d.Status, d.Created, d.Expires} }),
		admin.TableOf("Tickets", []string{"id", "account", "cuid", "department", "priority", "subject", "status", "created_at"}, p.ticketViews,
			func(t ticketView) []string {
				return []string{strconv.FormatInt(t.ID, 10), t.Account, t.CUID, t.Department, t.Priority, t.Subject, t.Status, t.CreatedAt}
			}),
		admin.TableOf("Reverse DNS", []string{"ip", "ptr", "cuid", "account"}, p.rdnsViews,
			func(x rdnsView) []string { return []string{x.IP, x.PTR, x.CUID, x.Account} }),
	)
	if err != nil {
		return nil, fmt.Errorf("hostdime state: %w", err)
	}
	return tables, nil
}
