package nodeco

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
	"github.com/mocksuite/mocksuite/internal/store"
)

// The control plane of one flavour, mounted at /__admin/{nodeco|virtdedi}:
// accounts (so a test can provoke every create_server refusal without editing
// fixtures) and read-only views of servers, snapshots and shares as of the
// mock clock.

// MountAdmin serves /__admin/{flavour}/….
func (p *Provider) MountAdmin(r chi.Router) {
	r.Get("/accounts", p.adminListAccounts)
	r.Post("/accounts", p.adminCreateAccount)
	r.Get("/accounts/{id}", p.adminGetAccount)
	r.Patch("/accounts/{id}", p.adminPatchAccount)
	r.Get("/servers", p.adminServers)
	r.Get("/snapshots", p.adminSnapshots)
	r.Get("/shares", p.adminShares)
}

// adminAccount is an account as the admin API shows and takes it.
type adminAccount struct {
	UserID         string `json:"user_id"`
	APIKey         string `json:"api_key"`
	Email          string `json:"email"`
	FullName       string `json:"full_name"`
	PhoneVerified  bool   `json:"phone_verified"`
	UnpaidInvoices int    `json:"unpaid_invoices"`
	Balance        string `json:"balance"`
	Reseller       bool   `json:"reseller"`
	NewServerCap   int    `json:"new_server_cap"`
}

func toAdminAccount(a store.NodecoAccount) adminAccount {
	return adminAccount{a.UserID, a.APIKey, a.Email, a.FullName, a.PhoneVerified, a.UnpaidInvoices, a.Balance, a.Reseller, a.NewServerCap}
}

// accountPatch holds the editable fields; nil means "leave as is". user_id is
// absent on purpose: it is the account's identity.
type accountPatch struct {
	APIKey         *string `json:"api_key"`
	Email          *string `json:"email"`
	FullName       *string `json:"full_name"`
	PhoneVerified  *bool   `json:"phone_verified"`
	UnpaidInvoices *int    `json:"unpaid_invoices"`
	Balance        *string `json:"balance"`
	Reseller       *bool   `json:"reseller"`
	NewServerCap   *int    `json:"new_server_cap"`
}

// reUserID is what NODE user ids look like: digits.
var reUserID = regexp.MustCompile(`^[0-9]{1,20}$`)

// apply validates the patch and writes it onto a, naming the first bad field.
func (pa accountPatch) apply(a *store.NodecoAccount) error {
	if pa.APIKey != nil {
		if *pa.APIKey == "" || len(*pa.APIKey) > 200 {
			return errors.New("api_key: must be a non-empty string of at most 200 characters")
		}
		a.APIKey = *pa.APIKey
	}
	if pa.Email != nil {
		a.Email = *pa.Email
	}
	if pa.FullName != nil {
		a.FullName = *pa.FullName
	}
	if pa.PhoneVerified != nil {
		a.PhoneVerified = *pa.PhoneVerified
	}
	if pa.UnpaidInvoices != nil {
		if *pa.UnpaidInvoices < 0 {
			return errors.New("unpaid_invoices: must be 0 or more")
		}
		a.UnpaidInvoices = *pa.UnpaidInvoices
	}
	if pa.Balance != nil {
		if _, err := parseDec(*pa.Balance); err != nil {
			return fmt.Errorf("balance: %q is not a decimal string with at most four fractional digits", *pa.Balance)
		}
		a.Balance = *pa.Balance
	}
	if pa.Reseller != nil {
		a.Reseller = *pa.Reseller
	}
	if pa.NewServerCap != nil {
		if *pa.NewServerCap < 0 {
			return errors.New("new_server_cap: must be 0 or more")
		}
		a.NewServerCap = *pa.NewServerCap
	}
	return nil
}

// adminFailed answers a store failure: ours, so logged and a 500.
func (p *Provider) adminFailed(w http.ResponseWriter, what string, err error) {
	admin.Internal(w, p.d.Logger.With("provider", p.Name()), fmt.Errorf("%s: %w", what, err))
}

func (p *Provider) adminListAccounts(w http.ResponseWriter, r *http.Request) {
	var list []store.NodecoAccount
	err := p.d.Store.Nodeco(r.Context(), func(q *store.NodecoTx) (err error) {
		list, err = q.Accounts(string(p.flavour))
		return err
	})
	if err != nil {
		p.adminFailed(w, "accounts", err)
		return
	}
	out := make([]adminAccount, 0, len(list))
	for _, a := range list {
		out = append(out, toAdminAccount(a))
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

func (p *Provider) adminGetAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var a store.NodecoAccount
	err := p.d.Store.Nodeco(r.Context(), func(q *store.NodecoTx) (err error) {
		a, err = q.Account(string(p.flavour), id)
		return err
	})
	switch {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusNotFound, "account "+id+" not found")
	case err != nil:
		p.adminFailed(w, "account", err)
	default:
		admin.WriteJSON(w, http.StatusOK, toAdminAccount(a))
	}
}

func (p *Provider) adminCreateAccount(w http.ResponseWriter, r *http.Request) {
	var in struct {
		UserID *string `json:"user_id"`
		accountPatch
	}
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.UserID == nil || !reUserID.MatchString(*in.UserID) {
		admin.WriteError(w, http.StatusBadRequest, "user_id: required, 1 to 20 digits")
		return
	}
	if in.APIKey == nil {
		admin.WriteError(w, http.StatusBadRequest, "api_key: required")
		return
	}
	// A new account may create a server unless the test says otherwise:
	// phone verified, nothing unpaid, no credit (so the server cap applies).
	a := store.NodecoAccount{Flavour: string(p.flavour), UserID: *in.UserID, PhoneVerified: true, Balance: "0", NewServerCap: 10}
	if err := in.apply(&a); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	err := p.d.Store.Nodeco(r.Context(), func(q *store.NodecoTx) error { return q.InsertAccount(a) })
	switch {
	case errors.Is(err, store.ErrNodecoExists):
		admin.WriteError(w, http.StatusConflict, fmt.Sprintf("account %s or api_key %s already exists", a.UserID, a.APIKey))
	case err != nil:
		p.adminFailed(w, "create account", err)
	default:
		admin.WriteJSON(w, http.StatusCreated, toAdminAccount(a))
	}
}

// errKeyTaken marks a patch whose new api_key another account uses.
var errKeyTaken = errors.New("api_key taken")

func (p *Provider) adminPatchAccount(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var in accountPatch
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	var a store.NodecoAccount
	var invalid error
	// Read, change and write in one transaction so two patches cannot lose
	// each other's fields.
	err := p.d.Store.Nodeco(r.Context(), func(q *store.NodecoTx) error {
		var err error
		if a, err = q.Account(string(p.flavour), id); err != nil {
			return err
		}
		if invalid = in.apply(&a); invalid != nil {
			return invalid
		}
		if in.APIKey != nil {
			taken, err := q.APIKeyTaken(a.Flavour, a.APIKey, a.UserID)
			if err != nil {
				return err
			}
			if taken {
				return errKeyTaken
			}
		}
		return q.SaveAccount(a)
	})
	switch {
	case store.IsNotFound(err):
		admin.WriteError(w, http.StatusNotFound, "account "+id+" not found")
	case invalid != nil:
		admin.WriteError(w, http.StatusBadRequest, invalid.Error())
	case errors.Is(err, errKeyTaken):
		admin.WriteError(w, http.StatusConflict, "api_key "+a.APIKey+" is used by another account")
	case err != nil:
		p.adminFailed(w, "update account", err)
	default:
		admin.WriteJSON(w, http.StatusOK, toAdminAccount(a))
	}
}

// adminServer is one server as of the mock clock.
type adminServer struct {
	Stage         string `json:"stage"`
	ServerID      string `json:"server_id"`
	UserID        string `json:"user_id"`
	ServerLabel   string `json:"server_label"`
	Package       string `json:"package"`
	OrderStatus   string `json:"order_status"`
	ServerStatus  string `json:"server_status"`
	Hostname      string `json:"hostname"`
	IPAddress     string `json:"ip_address"`
	ActivatedTime string `json:"activated_time"`
	EndTime       string `json:"end_time"`
}

type adminSnapshot struct {
	Stage      string `json:"stage"`
	SnapshotID string `json:"snapshot_id"`
	ServerID   string `json:"server_id"`
	Name       string `json:"name"`
	Cycle      string `json:"cycle"`
	Status     string `json:"status"`
	Size       string `json:"size"`
	AddTime    string `json:"add_time"`
	EndTime    string `json:"end_time"`
}

type adminShare struct {
	Stage             string `json:"stage"`
	ServerID          string `json:"server_id"`
	Email             string `json:"email"`
	UserID            string `json:"user_id"`
	FullName          string `json:"full_name"`
	VirtualMonitor    string `json:"virtual_monitor"`
	ChangeLabel       string `json:"change_label"`
	ViewPassword      string `json:"view_password"`
	ChangePassword    string `json:"change_password"`
	TurnOn            string `json:"turn_on"`
	TurnOff           string `json:"turn_off"`
	Reinstall         string `json:"reinstall"`
	ChangeReverseHost string `json:"change_reverse_host"`
	ViewSnapshot      string `json:"view_snapshot"`
	CreateSnapshot    string `json:"create_snapshot"`
	DeleteSnapshot    string `json:"delete_snapshot"`
}

// state reads the three views at one instant of the mock clock, settling
// installs and snapshots whose delay has passed (without writing: a view
// must not change what the API later answers).
func (p *Provider) state(ctx context.Context) (servers []adminServer, snaps []adminSnapshot, shares []adminShare, err error) {
	now := p.d.Clock.Now()
	var ss []store.NodecoServer
	var ps []store.NodecoSnapshot
	var hs []store.NodecoShare
	err = p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) (err error) {
		if ss, err = q.AllServers(string(p.flavour)); err != nil {
			return err
		}
		if ps, err = q.AllSnapshots(string(p.flavour)); err != nil {
			return err
		}
		hs, err = q.AllShares(string(p.flavour))
		return err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	servers = make([]adminServer, 0, len(ss))
	for _, s := range ss {
		settleServer(&s, now)
		servers = append(servers, adminServer{s.Stage, s.ServerID, s.UserID, s.ServerLabel, s.Package, s.OrderStatus, s.ServerStatus,
			s.Hostname, s.IPAddress, fmtTime(s.ActivatedTime), fmtTime(s.EndTime)})
	}
	snaps = make([]adminSnapshot, 0, len(ps))
	for _, s := range ps {
		settleSnapshot(&s, now.Unix())
		snaps = append(snaps, adminSnapshot{s.Stage, s.SnapshotID, s.ServerID, s.Name, s.Cycle, s.Status, s.Size, fmtTime(s.AddTime), fmtTime(s.EndTime)})
	}
	shares = make([]adminShare, 0, len(hs))
	for _, h := range hs {
		shares = append(shares, adminShare{h.Stage, h.ServerID, h.Email, h.UserID, h.FullName, h.VirtualMonitor, h.ChangeLabel, h.ViewPassword,
			h.ChangePassword, h.TurnOn, h.TurnOff, h.Reinstall, h.ChangeReverseHost, h.ViewSnapshot, h.CreateSnapshot, h.DeleteSnapshot})
	}
	return servers, snaps, shares, nil
}

func (p *Provider) adminView(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		servers, snaps, shares, err := p.state(r.Context())
		if err != nil {
			p.adminFailed(w, name, err)
			return
		}
		views := map[string]any{"servers": servers, "snapshots": snaps, "shares": shares}
		admin.WriteJSON(w, http.StatusOK, map[string]any{name: views[name]})
	}
}

func (p *Provider) adminServers(w http.ResponseWriter, r *http.Request) { p.adminView("servers")(w, r) }
func (p *Provider) adminSnapshots(w http.ResponseWriter, r *http.Request) {
	p.adminView("snapshots")(w, r)
}
func (p *Provider) adminShares(w http.ResponseWriter, r *http.Request) { p.adminView("shares")(w, r) }

// StateViews fills the dashboard page /__admin/ui/state/{flavour}.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	var accts []store.NodecoAccount
	if err := p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) (err error) {
		accts, err = q.Accounts(string(p.flavour))
		return err
	}); err != nil {
		return nil, fmt.Errorf("nodeco state: %w", err)
	}
	servers, snaps, shares, err := p.state(ctx)
	if err != nil {
		return nil, fmt.Errorf("nodeco state: %w", err)
	}
	yes := func(b bool) string { return strconv.FormatBool(b) }
	av := admin.StateView{Title: "Accounts", Columns: []string{"user id", "api key", "email", "phone verified", "unpaid invoices", "balance", "reseller", "new server cap"}}
	for _, a := range accts {
		av.Rows = append(av.Rows, []string{a.UserID, a.APIKey, a.Email, yes(a.PhoneVerified), strconv.Itoa(a.UnpaidInvoices), a.Balance, yes(a.Reseller), strconv.Itoa(a.NewServerCap)})
	}
	sv := admin.StateView{Title: "Servers", Columns: []string{"stage", "server id", "owner", "label", "package", "order", "status", "ip address", "activated"}}
	for _, s := range servers {
		sv.Rows = append(sv.Rows, []string{s.Stage, s.ServerID, s.UserID, s.ServerLabel, s.Package, s.OrderStatus, s.ServerStatus, s.IPAddress, s.ActivatedTime})
	}
	pv := admin.StateView{Title: "Snapshots", Columns: []string{"stage", "snapshot id", "server id", "name", "cycle", "status", "added"}}
	for _, s := range snaps {
		pv.Rows = append(pv.Rows, []string{s.Stage, s.SnapshotID, s.ServerID, s.Name, s.Cycle, s.Status, s.AddTime})
	}
	hv := admin.StateView{Title: "Shares", Columns: []string{"stage", "server id", "email", "user id"}}
	for _, h := range shares {
		hv.Rows = append(hv.Rows, []string{h.Stage, h.ServerID, h.Email, h.UserID})
	}
	return []admin.StateView{av, sv, pv, hv}, nil
}

// Compile-time checks that both flavours fill the dashboard.
var _ admin.StateViewer = (*Provider)(nil)
