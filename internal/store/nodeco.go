package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The NODE cloud emulator keeps both flavours (node.co.id and virtdedi.com)
// in one set of tables, each row keyed by flavour and, for server state, by
// stage, so the admin reset of either flavour reloads both.

// NodecoAccount is a customer account of one flavour.
type NodecoAccount struct {
	Flavour, UserID, APIKey string
	Email, FullName         string
	PhoneVerified           bool
	UnpaidInvoices          int
	Balance                 string // exact decimal
	Reseller                bool
	NewServerCap            int
}

// NodecoCatalogEntry is one row of the arch, OS variant or OS template list.
type NodecoCatalogEntry struct {
	Key, Label, OSVariant, Arch string
}

// NodecoServer is one server of one stage.
type NodecoServer struct {
	Flavour, Stage, ServerID, UserID string
	ServerLabel                      string
	OrderStatus, ServerStatus        string
	ReadyAt                          int64
	Package                          string
	VCPU                             int
	RAM                              string
	Disk, HDD                        int
	Price                            string
	MonthlyCap                       int
	MonthlyDataTransfer              int
	AdditionalMonthlyDataTransfer    int
	ActivatedTime, EndTime           int64
	InstallMethod, InstallSource     string
	OSTemplate, ISOURL, Hostname     string
	OSVariant, Arch, RootPassword    string
	DataCenter, ExtraTransferAction  string
	CustomInfo1, CustomInfo2         string
	CustomInfo3                      string
	DailySnapshots                   string
	DailyMaxAge                      int
	WeeklySnapshots                  string
	WeeklyMaxAge                     int
	MonthlySnapshots                 string
	MonthlyMaxAge                    int
	HDDBackup, BillingCycle          string
	BillingCycleDiscount             string
	ResellerDiscount, PayWithBalance string
	IPAddress, ReverseHost           string
}

// NodecoShare is one grantee's access to a server.
type NodecoShare struct {
	Flavour, Stage, ServerID, Email string
	UserID, FullName                string
	VirtualMonitor                  string
	ChangeLabel, ViewPassword       string
	ChangePassword, TurnOn, TurnOff string
	Reinstall, ChangeReverseHost    string
	ViewSnapshot, CreateSnapshot    string
	DeleteSnapshot                  string
}

// NodecoSnapshot is one snapshot (a "backup" on virtdedi).
type NodecoSnapshot struct {
	Flavour, Stage, SnapshotID, ServerID string
	Name                                 string
	AddTime, EndTime                     int64
	Cycle, Status                        string
	ReadyAt                              int64
	Size                                 string
	InstallSource, OSTemplate            string
	OSVariant, Arch                      string
	Disk                                 int
	HasHDD                               bool
	URLKey                               string
}

// NodecoConsole is an issued virtual monitor link.
type NodecoConsole struct {
	Token, Flavour, Stage, ServerID, UserID string
	MonitorMode, ViewRootPassword           string
	BrandingLogoURL, HomeURL                string
	ServerDetailURL, BackgroundColor        string
	ExpiresAt                               int64
}

// NodecoTx is one NODE transaction: handlers do read-check-write through its
// methods and never see SQL.
type NodecoTx struct {
	ctx context.Context
	tx  nodecoQuerier
	// cached is set for read-only calls: accounts and servers then come from
	// the store's memos, which always show the last committed write.
	cached *caches
}

// nodecoQuerier is what a write transaction (*sql.Tx) and a connection in a
// read transaction (*sql.Conn) share.
type nodecoQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Nodeco runs fn in one transaction (taken with BEGIN IMMEDIATE), committing
// when fn returns nil.
func (s *Store) Nodeco(ctx context.Context, fn func(*NodecoTx) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return fn(&NodecoTx{ctx: ctx, tx: tx}) })
}

// NodecoRead runs fn, which only reads, outside any transaction: each read
// sees the last committed write (accounts and servers through the store's
// memos), and none queues behind a writer's lock as BEGIN IMMEDIATE would. A
// pooled connection is taken only for a read the memos do not serve.
func (s *Store) NodecoRead(ctx context.Context, fn func(*NodecoTx) error) error {
	lc := &lazyConn{db: s.db, v: s.versions}
	err := fn(&NodecoTx{ctx: ctx, tx: lc, cached: s.caches})
	if lc.c == nil {
		return err
	}
	defer lc.c.Close()
	wrote, serr := s.versions.settle(lc.c, nil)
	switch {
	case err != nil:
	case serr != nil:
		err = serr
	case len(wrote) > 0:
		// A function marked read-only wrote: a bug of ours, made loud.
		err = fmt.Errorf("store: nodeco read wrote %v", wrote)
	}
	return err
}

// lazyConn takes one pooled connection on first use and keeps it, so the
// writes a read-only call must not make can be found on it afterwards.
type lazyConn struct {
	db *sql.DB
	v  *versions
	c  *sql.Conn
}

func (l *lazyConn) conn(ctx context.Context) (*sql.Conn, error) {
	if l.c == nil {
		c, err := l.db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		// Settle what an earlier user of this connection left unreported, so
		// that only this call's own writes count against it.
		if _, err := l.v.settle(c, nil); err != nil {
			_ = c.Close()
			return nil, err
		}
		l.c = c
	}
	return l.c, nil
}

func (l *lazyConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c, err := l.conn(ctx)
	if err != nil {
		return nil, err
	}
	return c.ExecContext(ctx, query, args...)
}

func (l *lazyConn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c, err := l.conn(ctx)
	if err != nil {
		return nil, err
	}
	return c.QueryContext(ctx, query, args...)
}

func (l *lazyConn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	c, err := l.conn(ctx)
	if err != nil {
		// A *sql.Row carries its error only when made by database/sql: the
		// pool's own row reports the same failure to get a connection.
		return l.db.QueryRowContext(ctx, query, args...)
	}
	return c.QueryRowContext(ctx, query, args...)
}

// uncached is q reading the database itself.
func (q *NodecoTx) uncached() *NodecoTx { return &NodecoTx{ctx: q.ctx, tx: q.tx} }

func nodecoNotFound(err error) error {
	if err == sql.ErrNoRows {
		return ErrNotFound
	}
	return err
}

func nodecoBool(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Account returns the account userID of flavour.
func (q *NodecoTx) Account(flavour, userID string) (NodecoAccount, error) {
	if q.cached != nil {
		return q.cached.nodecoAccount.get(q.ctx, key(flavour, userID), func(context.Context) (NodecoAccount, error) {
			return q.uncached().Account(flavour, userID)
		})
	}
	var a NodecoAccount
	var phone, reseller int
	err := q.tx.QueryRowContext(q.ctx, `SELECT flavour, user_id, api_key, email, full_name, phone_verified, unpaid_invoices, balance, reseller, new_server_cap
		FROM nodeco_accounts WHERE flavour = ? AND user_id = ?`, flavour, userID).
		Scan(&a.Flavour, &a.UserID, &a.APIKey, &a.Email, &a.FullName, &phone, &a.UnpaidInvoices, &a.Balance, &reseller, &a.NewServerCap)
	if err != nil {
		return a, fmt.Errorf("nodeco account %s/%s: %w", flavour, userID, nodecoNotFound(err))
	}
	a.PhoneVerified, a.Reseller = phone != 0, reseller != 0
	return a, nil
}

// AccountByEmail returns the account of flavour with that e-mail (case-insensitive).
func (q *NodecoTx) AccountByEmail(flavour, email string) (NodecoAccount, error) {
	var userID string
	err := q.tx.QueryRowContext(q.ctx, `SELECT user_id FROM nodeco_accounts WHERE flavour = ? AND email = ? COLLATE NOCASE ORDER BY user_id LIMIT 1`, flavour, email).Scan(&userID)
	if err != nil {
		return NodecoAccount{}, fmt.Errorf("nodeco account by email: %w", nodecoNotFound(err))
	}
	return q.Account(flavour, userID)
}

// SaveAccount updates an account's eligibility fields (admin and tests).
func (q *NodecoTx) SaveAccount(a NodecoAccount) error {
	_, err := q.tx.ExecContext(q.ctx, `UPDATE nodeco_accounts SET api_key = ?, email = ?, full_name = ?, phone_verified = ?, unpaid_invoices = ?, balance = ?, reseller = ?, new_server_cap = ?
		WHERE flavour = ? AND user_id = ?`, a.APIKey, a.Email, a.FullName, nodecoBool(a.PhoneVerified), a.UnpaidInvoices, a.Balance, nodecoBool(a.Reseller), a.NewServerCap, a.Flavour, a.UserID)
	if err != nil {
		return fmt.Errorf("nodeco save account: %w", err)
	}
	return nil
}

// Catalog returns one list (arch, os_variant or os_template) in fixture order.
func (q *NodecoTx) Catalog(flavour, kind string) ([]NodecoCatalogEntry, error) {
	return queryList(q.ctx, q.tx, "nodeco catalog", func(r rowScanner) (e NodecoCatalogEntry, err error) {
		err = r.Scan(&e.Key, &e.Label, &e.OSVariant, &e.Arch)
		return e, err
	}, `SELECT key, label, os_variant, arch FROM nodeco_catalog WHERE flavour = ? AND kind = ? ORDER BY position`, flavour, kind)
}

const nodecoServerCols = `flavour, stage, server_id, user_id, server_label, order_status, server_status, ready_at, package, vcpu, ram, disk, hdd, price,
	monthly_cap, monthly_data_transfer, additional_monthly_data_transfer, activated_time, end_time, install_method, install_source,
	os_template, iso_url, hostname, os_variant, arch, root_password, data_center, extra_data_transfer_action, custom_info_1, custom_info_2,
	custom_info_3, daily_snapshots, daily_max_age, weekly_snapshots, weekly_max_age, monthly_snapshots, monthly_max_age, hdd_backup,
	billing_cycle, billing_cycle_discount, reseller_discount, pay_with_balance, ip_address, reverse_host`

func serverFields(s *NodecoServer) []any {
	return []any{&s.Flavour, &s.Stage, &s.ServerID, &s.UserID, &s.ServerLabel, &s.OrderStatus, &s.ServerStatus, &s.ReadyAt, &s.Package,
		&s.VCPU, &s.RAM, &s.Disk, &s.HDD, &s.Price, &s.MonthlyCap, &s.MonthlyDataTransfer, &s.AdditionalMonthlyDataTransfer,
		&s.ActivatedTime, &s.EndTime, &s.InstallMethod, &s.InstallSource, &s.OSTemplate, &s.ISOURL, &s.Hostname, &s.OSVariant,
		&s.Arch, &s.RootPassword, &s.DataCenter, &s.ExtraTransferAction, &s.CustomInfo1, &s.CustomInfo2, &s.CustomInfo3,
		&s.DailySnapshots, &s.DailyMaxAge, &s.WeeklySnapshots, &s.WeeklyMaxAge, &s.MonthlySnapshots, &s.MonthlyMaxAge,
		&s.HDDBackup, &s.BillingCycle, &s.BillingCycleDiscount, &s.ResellerDiscount, &s.PayWithBalance, &s.IPAddress, &s.ReverseHost}
}

func serverValues(s NodecoServer) []any {
	ptrs := serverFields(&s)
	vals := make([]any, len(ptrs))
	for i, p := range ptrs {
		switch v := p.(type) {
		case *string:
			vals[i] = *v
		case *int:
			vals[i] = *v
		case *int64:
			vals[i] = *v
		}
	}
	return vals
}

func nodecoPlaceholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// Server returns one server of a stage.
func (q *NodecoTx) Server(flavour, stage, serverID string) (NodecoServer, error) {
	if q.cached != nil {
		return q.cached.nodecoServer.get(q.ctx, key(flavour, stage, serverID), func(context.Context) (NodecoServer, error) {
			return q.uncached().Server(flavour, stage, serverID)
		})
	}
	var s NodecoServer
	err := q.tx.QueryRowContext(q.ctx, `SELECT `+nodecoServerCols+` FROM nodeco_servers WHERE flavour = ? AND stage = ? AND server_id = ?`,
		flavour, stage, serverID).Scan(serverFields(&s)...)
	if err != nil {
		return s, fmt.Errorf("nodeco server %s: %w", serverID, nodecoNotFound(err))
	}
	return s, nil
}

// ServersFor returns the servers userID owns plus those shared with email, in server_id order.
func (q *NodecoTx) ServersFor(flavour, stage, userID, email string) ([]NodecoServer, error) {
	return queryList(q.ctx, q.tx, "nodeco servers", func(r rowScanner) (s NodecoServer, err error) {
		err = r.Scan(serverFields(&s)...)
		return s, err
	}, `SELECT `+nodecoServerCols+` FROM nodeco_servers s WHERE flavour = ? AND stage = ? AND (user_id = ?
		OR EXISTS (SELECT 1 FROM nodeco_shares h WHERE h.flavour = s.flavour AND h.stage = s.stage AND h.server_id = s.server_id AND h.email = ? COLLATE NOCASE AND ? <> ''))
		ORDER BY server_id`, flavour, stage, userID, email, email)
}

// ServerExists reports whether a server id is taken in a stage.
func (q *NodecoTx) ServerExists(flavour, stage, serverID string) (bool, error) {
	var n int
	err := q.tx.QueryRowContext(q.ctx, `SELECT COUNT(*) FROM nodeco_servers WHERE flavour = ? AND stage = ? AND server_id = ?`, flavour, stage, serverID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("nodeco server exists: %w", err)
	}
	return n > 0, nil
}

// CountLiveServers counts userID's servers that are not canceled.
func (q *NodecoTx) CountLiveServers(flavour, stage, userID string) (int, error) {
	var n int
	err := q.tx.QueryRowContext(q.ctx, `SELECT COUNT(*) FROM nodeco_servers WHERE flavour = ? AND stage = ? AND user_id = ? AND order_status <> 'canceled'`, flavour, stage, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("nodeco count servers: %w", err)
	}
	return n, nil
}

// InsertServer adds a server.
func (q *NodecoTx) InsertServer(s NodecoServer) error {
	_, err := q.tx.ExecContext(q.ctx, `INSERT INTO nodeco_servers (`+nodecoServerCols+`) VALUES (`+nodecoPlaceholders(45)+`)`, serverValues(s)...)
	if err != nil {
		return fmt.Errorf("nodeco insert server %s: %w", s.ServerID, err)
	}
	return nil
}

// SaveServer writes every column of an existing server.
func (q *NodecoTx) SaveServer(s NodecoServer) error {
	cols := strings.Split(nodecoServerCols, ",")
	var set []string
	for _, c := range cols[3:] {
		set = append(set, strings.TrimSpace(c)+" = ?")
	}
	vals := serverValues(s)
	args := append(vals[3:], s.Flavour, s.Stage, s.ServerID)
	res, err := q.tx.ExecContext(q.ctx, `UPDATE nodeco_servers SET `+strings.Join(set, ", ")+` WHERE flavour = ? AND stage = ? AND server_id = ?`, args...)
	if err != nil {
		return fmt.Errorf("nodeco save server %s: %w", s.ServerID, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("nodeco save server %s: %w", s.ServerID, ErrNotFound)
	}
	return nil
}

const nodecoShareCols = `flavour, stage, server_id, email, user_id, full_name, virtual_monitor, change_label, view_password, change_password,
	turn_on, turn_off, reinstall, change_reverse_host, view_snapshot, create_snapshot, delete_snapshot`
