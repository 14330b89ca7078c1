package hostdime

import (
	"context"
	"fmt"
	"net/http"
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
	r.Get("/accounts", p.adminListAccounts)
	r.Post("/accounts", p.adminCreateAccount)
	r.Get("/accounts/{id}", p.adminGetAccount)
	r.Patch("/accounts/{id}", p.adminPatchAccount)
	r.Get("/servers", p.adminServices(store.HostdimeServer, "servers"))
	r.Get("/vps", p.adminServices(store.HostdimeVPS, "vps"))
	r.Get("/domains", p.adminDomains)
	r.Get("/tickets", p.adminTickets)
	r.Get("/rdns", p.adminRDNS)
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
			return fmt.Errorf("%s: must be non-empty, without white space at either end", f.name)
		}
	}
	return nil
}

// adminStoreErr answers a store failure; true when it answered.
func (p *Provider) adminStoreErr(w http.ResponseWriter, err error, id, key string) bool {
	return admin.StoreError(w, p.d.Logger, err, "account "+id+" not found",
		admin.Conflict{Err: store.ErrHostdimeKeyTaken, Msg: fmt.Sprintf("public_key: %q is already the key of another account", key)})
}

func (p *Provider) adminListAccounts(w http.ResponseWriter, r *http.Request) {
	list, err := p.d.Store.HostdimeAccounts(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	out := make([]accountView, 0, len(list))
	for _, a := range list {
		out = append(out, newAccountView(a))
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

func (p *Provider) adminGetAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	a, err := p.d.Store.HostdimeAccountByKey(r.Context(), id)
	if p.adminStoreErr(w, err, id, "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, newAccountView(a))
}

func (p *Provider) adminCreateAccount(w http.ResponseWriter, r *http.Request) {
	var in accountInput
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	switch {
	case in.PublicKey == nil:
		admin.Errorf(w, http.StatusBadRequest, "public_key: required")
		return
	case in.PrivateKey == nil:
		admin.Errorf(w, http.StatusBadRequest, "private_key: required")
		return
	}
	if err := in.check(); err != nil {
		admin.Errorf(w, http.StatusBadRequest, "%s", err)
		return
	}
	a := store.HostdimeAccount{APIKey: *in.PublicKey, PrivateKey: *in.PrivateKey}
	if in.Name != nil {
		a.Name = *in.Name
	}
	a, err := p.d.Store.HostdimeCreateAccount(r.Context(), a)
	if p.adminStoreErr(w, err, *in.PublicKey, *in.PublicKey) {
		return
	}
	admin.WriteJSON(w, http.StatusCreated, newAccountView(a))
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
	key := ""
	if in.PublicKey != nil {
		key = *in.PublicKey
	}
	a, err := p.d.Store.HostdimeUpdateAccount(r.Context(), id, store.HostdimeAccountPatch{Name: in.Name, APIKey: in.PublicKey, PrivateKey: in.PrivateKey})
	if p.adminStoreErr(w, err, id, key) {
		return
	}
	admin.WriteJSON(w, http.StatusOK, newAccountView(a))
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

func (p *Provider) serviceViews(ctx context.Context, kind string) ([]serviceView, error) {
	list, err := p.d.Store.HostdimeAllServices(ctx, kind)
	if err != nil {
		return nil, err
	}
	out := make([]serviceView, 0, len(list))
	for _, o := range list {
		s := o.Item
		out = append(out, serviceView{CUID: s.CUID, Account: o.APIKey, Label: s.Label, Name: s.Name, Status: s.Status, Power: s.Power, IPMain: s.IPMain})
	}
	return out, nil
}

func (p *Provider) adminServices(kind, name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		out, err := p.serviceViews(r.Context(), kind)
		if p.adminStoreErr(w, err, "", "") {
			return
		}
		admin.WriteJSON(w, http.StatusOK, map[string]any{name: out})
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
	if err != nil {
		return nil, err
	}
	today := p.d.Clock.Now().UTC().Format(dateLayout)
	out := make([]domainView, 0, len(list))
	for _, o := range list {
		out = append(out, domainView{Domain: o.Item.Domain, Account: o.APIKey, Status: domainStatus(o.Item, today), Created: o.Item.Created, Expires: o.Item.Expires})
	}
	return out, nil
}

func (p *Provider) adminDomains(w http.ResponseWriter, r *http.Request) {
	out, err := p.domainViews(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"domains": out})
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
	if err != nil {
		return nil, err
	}
	out := make([]ticketView, 0, len(list))
	for _, o := range list {
		t := o.Item
		out = append(out, ticketView{ID: t.ID, Account: o.APIKey, CUID: t.CUID, Department: t.Department, Priority: t.Priority,
			Subject: t.Subject, Body: t.Body, Status: t.Status, CreatedAt: t.CreatedAt.UTC().Format(time.RFC3339)})
	}
	return out, nil
}

func (p *Provider) adminTickets(w http.ResponseWriter, r *http.Request) {
	out, err := p.ticketViews(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"tickets": out})
}

type rdnsView struct {
	IP      string `json:"ip"`
	PTR     string `json:"ptr"`
	CUID    string `json:"cuid"`
	Account string `json:"account"`
}

func (p *Provider) rdnsViews(ctx context.Context) ([]rdnsView, error) {
	list, err := p.d.Store.HostdimeAllRDNS(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]rdnsView, 0, len(list))
	for _, o := range list {
		out = append(out, rdnsView{IP: o.Item.IP, PTR: o.Item.PTR, CUID: o.Item.CUID, Account: o.APIKey})
	}
	return out, nil
}

func (p *Provider) adminRDNS(w http.ResponseWriter, r *http.Request) {
	out, err := p.rdnsViews(r.Context())
	if p.adminStoreErr(w, err, "", "") {
		return
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"rdns": out})
}

// StateViews fills the dashboard's hostdime state page.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	accounts, err := p.d.Store.HostdimeAccounts(ctx)
	if err != nil {
		return nil, err
	}
	acc := admin.StateView{Title: "Accounts", Columns: []string{"public_key", "name"}}
	for _, a := range accounts {
		acc.Rows = append(acc.Rows, []string{a.APIKey, a.Name})
	}
	views := []admin.StateView{acc}
	for _, k := range []struct{ kind, title string }{{store.HostdimeServer, "Servers"}, {store.HostdimeVPS, "VPS"}} {
		list, err := p.serviceViews(ctx, k.kind)
		if err != nil {
			return nil, err
		}
		v := admin.StateView{Title: k.title, Columns: []string{"cuid", "account", "label", "name", "status", "power", "ip_main"}}
		for _, s := range list {
			v.Rows = append(v.Rows, []string{s.CUID, s.Account, s.Label, s.Name, s.Status, s.Power, s.IPMain})
		}
		views = append(views, v)
	}
	domains, err := p.domainViews(ctx)
	if err != nil {
		return nil, err
	}
	dv := admin.StateView{Title: "Domains", Columns: []string{"domain", "account", "status", "created", "expires"}}
	for _, d := range domains {
		dv.Rows = append(dv.Rows, []string{d.Domain, d.Account, d.Status, d.Created, d.Expires})
	}
	tickets, err := p.ticketViews(ctx)
	if err != nil {
		return nil, err
	}
	tv := admin.StateView{Title: "Tickets", Columns: []string{"id", "account", "cuid", "department", "priority", "subject", "status", "created_at"}}
	for _, t := range tickets {
		tv.Rows = append(tv.Rows, []string{strconv.FormatInt(t.ID, 10), t.Account, t.CUID, t.Department, t.Priority, t.Subject, t.Status, t.CreatedAt})
	}
	rdns, err := p.rdnsViews(ctx)
	if err != nil {
		return nil, err
	}
	rv := admin.StateView{Title: "Reverse DNS", Columns: []string{"ip", "ptr", "cuid", "account"}}
	for _, x := range rdns {
		rv.Rows = append(rv.Rows, []string{x.IP, x.PTR, x.CUID, x.Account})
	}
	return append(views, dv, tv, rv), nil
}
