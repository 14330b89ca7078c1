package nodeco

import (
	"context"
	"errors"
	"fmt"
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
	p.accounts().Mount(r)
	admin.MountLists(r, p.d.Logger,
		admin.ListOf("servers", p.servers),
		admin.ListOf("snapshots", p.snapshots),
		admin.ListOf("shares", p.shares))
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

// accountCreate is the body of POST: the identity and the editable fields.
type accountCreate struct {
	UserID *string `json:"user_id"`
	accountPatch
}

// reUserID is what NODE user ids look like: digits.
var reUserID = regexp.MustCompile(`^[0-9]{1,20}$`)

// apply validates the patch and writes it onto a, naming the first bad field.
func (pa accountPatch) apply(a *store.NodecoAccount) error {
	if pa.APIKey != nil {
		if *pa.APIKey == "" || len(*pa.APIKey) > 200 {
			return admin.BadRequest("api_key: must be a non-empty string of at most 200 characters")
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
			return admin.BadRequest("unpaid_invoices: must be 0 or more")
		}
		a.UnpaidInvoices = *pa.UnpaidInvoices
	}
	if pa.Balance != nil {
		if _, err := parseDec(*pa.Balance); err != nil {
			return admin.BadRequest("balance: %q is not a decimal string with at most four fractional digits", *pa.Balance)
		}
		a.Balance = *pa.Balance
	}
	if pa.Reseller != nil {
		a.Reseller = *pa.Reseller
	}
	if pa.NewServerCap != nil {
		if *pa.NewServerCap < 0 {
			return admin.BadRequest("new_server_cap: must be 0 or more")
		}
		a.NewServerCap = *pa.NewServerCap
	}
	return nil
}

// read runs one read of this flavour's tables in a transaction.
func read[T any](ctx context.Context, p *Provider, fn func(q *store.NodecoTx, flavour string) (T, error)) (T, error) {
	var out T
	err := p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) (err error) {
		out, err = fn(q, string(p.flavour))
		return err
	})
	return out, err
}

// accounts is the uniform account resource; the id is the user id, within
// the flavour.
func (p *Provider) accounts() admin.Resource[adminAccount, accountCreate, accountPatch] {
	return admin.Resource[adminAccount, accountCreate, accountPatch]{
		Singular: "account", Plural: "accounts", Log: p.d.Logger.With("provider", p.Name()),
		List: func(ctx context.Context) ([]adminAccount, error) {
			list, err := read(ctx, p, (*store.NodecoTx).Accounts)
			return admin.Views(list, toAdminAccount), err
		},
		Get: func(ctx context.Context, id string) (adminAccount, error) {
			a, err := read(ctx, p, func(q *store.NodecoTx, flavour string) (store.NodecoAccount, error) { return q.Account(flavour, id) })
			return toAdminAccount(a), err
		},
		Create: p.createAccount,
		Patch:  p.patchAccount,
		Delete: func(ctx context.Context, id string) error {
			return p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) error { return q.DeleteAccount(string(p.flavour), id) })
		},
	}
}

func (p *Provider) createAccount(ctx context.Context, in accountCreate) (adminAccount, error) {
	if in.UserID == nil || !reUserID.MatchString(*in.UserID) {
		return adminAccount{}, admin.BadRequest("user_id: required, 1 to 20 digits")
	}
	if err := admin.Require(admin.Given("api_key", in.APIKey)); err != nil {
		return adminAccount{}, err
	}
	// A new account may create a server unless the test says otherwise:
	// phone verified, nothing unpaid, no credit (so the server cap applies).
	a := store.NodecoAccount{Flavour: string(p.flavour), UserID: *in.UserID, PhoneVerified: true, Balance: "0", NewServerCap: 10}
	if err := in.apply(&a); err != nil {
		return adminAccount{}, err
	}
	err := p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) error { return q.InsertAccount(a) })
	if errors.Is(err, store.ErrNodecoExists) {
		return adminAccount{}, admin.Conflictf("account %s or api_key %s already exists", a.UserID, a.APIKey)
	}
	return toAdminAccount(a), err
}

func (p *Provider) patchAccount(ctx context.Context, id string, in accountPatch) (adminAccount, error) {
	var a store.NodecoAccount
	// Read, change and write in one transaction so two patches cannot lose
	// each other's fields.
	err := p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) error {
		var err error
		if a, err = q.Account(string(p.flavour), id); err != nil {
			return err
		}
		if err := in.apply(&a); err != nil {
			return err
		}
		if in.APIKey != nil {
			taken, err := q.APIKeyTaken(a.Flavour, a.APIKey, a.UserID)
			if err != nil {
				return err
			}
			if taken {
				return admin.Conflictf("api_key %s is used by another account", a.APIKey)
			}
		}
		return q.SaveAccount(a)
	})
	return toAdminAccount(a), err
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

// servers lists the flavour's servers as of the mock clock, settling
// installs whose delay has passed (without writing: a view must not change
// what the API later answers).
func (p *Provider) servers(ctx context.Context) ([]adminServer, error) {
	now := p.d.Clock.Now()
	list, err := read(ctx, p, (*store.NodecoTx).AllServers)
	return admin.Views(list, func(s store.NodecoServer) adminServer {
		settleServer(&s, now)
		return adminServer{s.Stage, s.ServerID, s.UserID, s.ServerLabel, s.Package, s.OrderStatus, s.ServerStatus,
			s.Hostname, s.IPAddress, fmtTime(s.ActivatedTime), fmtTime(s.EndTime)}
	}), err
}

// snapshots lists the flavour's snapshots as of the mock clock, settled as servers are.
func (p *Provider) snapshots(ctx context.Context) ([]adminSnapshot, error) {
	now := p.d.Clock.Now().Unix()
	list, err := read(ctx, p, (*store.NodecoTx).AllSnapshots)
	return admin.Views(list, func(s store.NodecoSnapshot) adminSnapshot {
		settleSnapshot(&s, now)
		return adminSnapshot{s.Stage, s.SnapshotID, s.ServerID, s.Name, s.Cycle, s.Status, s.Size, fmtTime(s.AddTime), fmtTime(s.EndTime)}
	}), err
}

func (p *Provider) shares(ctx context.Context) ([]adminShare, error) {
	list, err := read(ctx, p, (*store.NodecoTx).AllShares)
	return admin.Views(list, func(h store.NodecoShare) adminShare {
		return adminShare{h.Stage, h.ServerID, h.Email, h.UserID, h.FullName, h.VirtualMonitor, h.ChangeLabel, h.ViewPassword,
			h.ChangePassword, h.TurnOn, h.TurnOff, h.Reinstall, h.ChangeReverseHost, h.ViewSnapshot, h.CreateSnapshot, h.DeleteSnapshot}
	}), err
}

// StateViews fills the dashboard page /__admin/ui/state/{flavour}.
func (p *Provider) StateViews(ctx context.Context) ([]admin.StateView, error) {
	yes := strconv.FormatBool
	tables, err := admin.Tables(ctx,
		admin.TableOf("Accounts", []string{"user id", "api key", "email", "phone verified", "unpaid invoices", "balance", "reseller", "new server cap"},
			p.accounts().List, func(a adminAccount) []string {
				return []string{a.UserID, a.APIKey, a.Email, yes(a.PhoneVerified), strconv.Itoa(a.UnpaidInvoices), a.Balance, yes(a.Reseller), strconv.Itoa(a.NewServerCap)}
			}),
		admin.TableOf("Servers", []string{"stage", "server id", "owner", "label", "package", "order", "status", "ip address", "activated"}, p.servers,
			func(s adminServer) []string {
				return []string{s.Stage, s.ServerID, s.UserID, s.ServerLabel, s.Package, s.OrderStatus, s.ServerStatus, s.IPAddress, s.ActivatedTime}
			}),
		admin.TableOf("Snapshots", []string{"stage", "snapshot id", "server id", "name", "cycle", "status", "added"}, p.snapshots,
			func(s adminSnapshot) []string {
				return []string{s.Stage, s.SnapshotID, s.ServerID, s.Name, s.Cycle, s.Status, s.AddTime}
			}),
		admin.TableOf("Shares", []string{"stage", "server id", "email", "user id"}, p.shares,
			func(h adminShare) []string { return []string{h.Stage, h.ServerID, h.Email, h.UserID} }),
	)
	if err != nil {
		return nil, fmt.Errorf("%s state: %w", p.Name(), err)
	}
	return tables, nil
}

// Compile-time checks that both flavours fill the dashboard.
var _ admin.StateViewer = (*Provider)(nil)
