package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// NodecoSeeder loads fixtures/nodeco.yaml, which holds both flavours
// (node.co.id and virtdedi.com): the admin reset of either reloads both.
func NodecoSeeder() Seeder {
	return newSeeder("nodeco", seedNodeco,
		"nodeco_consoles", "nodeco_snapshots", "nodeco_shares", "nodeco_servers", "nodeco_catalog", "nodeco_accounts")
}

// NodecoZone is the time zone the NODE API writes its dates in (WIB, UTC+7).
var NodecoZone = time.FixedZone("WIB", 7*3600)

// NodecoTimeLayout is the NODE date layout.
const NodecoTimeLayout = "2006-01-02 15:04:05"

// NodecoFixtures is the layout of fixtures/nodeco.yaml.
type NodecoFixtures struct {
	Flavours map[string]NodecoFlavourFixtures `yaml:"flavours"`
}

// NodecoFlavourFixtures is one flavour's fixtures.
type NodecoFlavourFixtures struct {
	Arch        []NodecoCatalogFixture `yaml:"arch"`
	OSVariants  []NodecoCatalogFixture `yaml:"os_variants"`
	OSTemplates []NodecoCatalogFixture `yaml:"os_templates"`
	Accounts    []NodecoAccountFixture `yaml:"accounts"`
	Servers     []map[string]any       `yaml:"servers"`
	Shares      []map[string]string    `yaml:"shares"`
	Snapshots   []map[string]any       `yaml:"snapshots"`
}

// NodecoCatalogFixture is one catalogue row.
type NodecoCatalogFixture struct {
	Key         string `yaml:"key"`
	Label       string `yaml:"label"`
	Description string `yaml:"description"`
	OSVariant   string `yaml:"os_variant"`
	Arch        string `yaml:"arch"`
}

// NodecoAccountFixture is one account.
type NodecoAccountFixture struct {
	UserID         string `yaml:"user_id"`
	APIKey         string `yaml:"api_key"`
	Email          string `yaml:"email"`
	FullName       string `yaml:"full_name"`
	PhoneVerified  bool   `yaml:"phone_verified"`
	UnpaidInvoices int    `yaml:"unpaid_invoices"`
	Balance        string `yaml:"balance"`
	Reseller       bool   `yaml:"reseller"`
	NewServerCap   int    `yaml:"new_server_cap"`
}

// NodecoStages are the two stages every fixture server is loaded into.
var NodecoStages = [2]string{"sandbox", "real"}

func seedNodeco(ctx context.Context, tx *sql.Tx, fx NodecoFixtures) error {
	q := &NodecoTx{ctx: ctx, tx: tx}
	for _, flavour := range []string{"nodeco", "virtdedi"} {
		f, ok := fx.Flavours[flavour]
		if !ok {
			continue
		}
		if err := seedNodecoFlavour(q, flavour, f); err != nil {
			return fmt.Errorf("%s: %w", flavour, err)
		}
	}
	return nil
}

func seedNodecoFlavour(q *NodecoTx, flavour string, f NodecoFlavourFixtures) error {
	for kind, rows := range map[string][]NodecoCatalogFixture{"arch": f.Arch, "os_variant": f.OSVariants, "os_template": f.OSTemplates} {
		for i, r := range rows {
			label := r.Label
			if kind == "os_template" {
				label = r.Description
			}
			if r.Key == "" {
				return fmt.Errorf("%s row %d: key is empty", kind, i)
			}
			if _, err := q.tx.ExecContext(q.ctx, `INSERT INTO nodeco_catalog (flavour, kind, key, label, os_variant, arch, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				flavour, kind, r.Key, label, r.OSVariant, r.Arch, i); err != nil {
				return fmt.Errorf("%s %s: %w", kind, r.Key, err)
			}
		}
	}
	for _, a := range f.Accounts {
		if a.UserID == "" || a.APIKey == "" {
			return fmt.Errorf("account %q: user_id and api_key are required", a.UserID)
		}
		if a.Balance == "" {
			a.Balance = "0"
		}
		if _, err := q.tx.ExecContext(q.ctx, `INSERT INTO nodeco_accounts (flavour, user_id, api_key, email, full_name, phone_verified, unpaid_invoices, balance, reseller, new_server_cap)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, flavour, a.UserID, a.APIKey, a.Email, a.FullName, nodecoBool(a.PhoneVerified), a.UnpaidInvoices, a.Balance, nodecoBool(a.Reseller), a.NewServerCap); err != nil {
			return fmt.Errorf("account %s: %w", a.UserID, err)
		}
	}
	for _, stage := range NodecoStages {
		for _, m := range f.Servers {
			s, err := nodecoServerFixture(flavour, stage, m)
			if err != nil {
				return err
			}
			if err := q.InsertServer(s); err != nil {
				return err
			}
		}
		for _, m := range f.Shares {
			h := NodecoShare{Flavour: flavour, Stage: stage, ServerID: m["server_id"], Email: m["email"], UserID: m["user_id"], FullName: m["full_name"]}
			for name, p := range map[string]*string{"virtual_monitor": &h.VirtualMonitor, "change_label": &h.ChangeLabel, "view_password": &h.ViewPassword,
				"change_password": &h.ChangePassword, "turn_on": &h.TurnOn, "turn_off": &h.TurnOff, "reinstall": &h.Reinstall,
				"change_reverse_host": &h.ChangeReverseHost, "view_snapshot": &h.ViewSnapshot, "create_snapshot": &h.CreateSnapshot, "delete_snapshot": &h.DeleteSnapshot} {
				*p = m[name]
				if *p == "" {
					*p = "no"
				}
			}
			if err := q.PutShare(h); err != nil {
				return fmt.Errorf("share %s/%s: %w", h.ServerID, h.Email, err)
			}
		}
		for _, m := range f.Snapshots {
			p, err := nodecoSnapshotFixture(flavour, stage, m)
			if err != nil {
				return err
			}
			if err := q.PutSnapshot(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// fixtureReader reads typed values out of a YAML map, remembering the first error.
type fixtureReader struct {
	what string
	m    map[string]any
	err  error
}

func (r *fixtureReader) str(key, def string) string {
	v, ok := r.m[key]
	if !ok || v == nil {
		return def
	}
	switch x := v.(type) {
	case string:
		return x
	case int, float64, bool:
		// YAML scalars such as 0.5 or 12345 arrive typed; keep their text.
		return fmt.Sprint(x)
	}
	r.fail(key, v)
	return def
}

func (r *fixtureReader) num(key string, def int) int {
	v, ok := r.m[key]
	if !ok || v == nil {
		return def
	}
	if n, ok := v.(int); ok {
		return n
	}
	r.fail(key, v)
	return def
}

func (r *fixtureReader) time(key string) int64 {
	s := r.str(key, "")
	if s == "" {
		return 0
	}
	t, err := time.ParseInLocation(NodecoTimeLayout, s, NodecoZone)
	if err != nil {
		r.fail(key, s)
		return 0
	}
	return t.Unix()
}

func (r *fixtureReader) fail(key string, v any) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: bad value %v for %s", r.what, v, key)
	}
}

func nodecoServerFixture(flavour, stage string, m map[string]any) (NodecoServer, error) {
	r := &fixtureReader{what: "server", m: m}
	s := NodecoServer{
		Flavour: flavour, Stage: stage,
		ServerID: r.str("server_id", ""), UserID: r.str("user_id", ""), ServerLabel: r.str("server_label", ""),
		OrderStatus: r.str("order_status", "active"), ServerStatus: r.str("server_status", "on"),
		Package: r.str("package", ""), VCPU: r.num("vcpu", 1), RAM: r.str("ram", "1"), Disk: r.num("disk", 0), HDD: r.num("hdd", 0),
		Price: r.str("price", "0"), MonthlyCap: r.num("monthly_cap", 0), MonthlyDataTransfer: r.num("monthly_data_transfer", 0),
		AdditionalMonthlyDataTransfer: r.num("additional_monthly_data_transfer", 0),
		ActivatedTime:                 r.time("activated_time"), EndTime: r.time("end_time"),
		InstallMethod: r.str("install_method", "api"), InstallSource: r.str("install_source", "template"),
		OSTemplate: r.str("os_template", ""), ISOURL: r.str("iso_url", ""), Hostname: r.str("hostname", ""),
		OSVariant: r.str("os_variant", ""), Arch: r.str("arch", ""), RootPassword: r.str("root_password", ""),
		DataCenter: r.str("data_center", ""), ExtraTransferAction: r.str("extra_data_transfer_action", ""),
		CustomInfo1: r.str("custom_info_1", ""), CustomInfo2: r.str("custom_info_2", ""), CustomInfo3: r.str("custom_info_3", ""),
		DailySnapshots: r.str("daily_snapshots", "no"), DailyMaxAge: r.num("daily_max_age", 0),
		WeeklySnapshots: r.str("weekly_snapshots", "no"), WeeklyMaxAge: r.num("weekly_max_age", 0),
		MonthlySnapshots: r.str("monthly_snapshots", "no"), MonthlyMaxAge: r.num("monthly_max_age", 0),
		HDDBackup: r.str("hdd_backup", "no"), BillingCycle: r.str("billing_cycle", ""),
		BillingCycleDiscount: r.str("billing_cycle_discount", "0"), ResellerDiscount: r.str("reseller_discount", "0"),
		PayWithBalance: r.str("pay_with_balance", "yes"), IPAddress: r.str("ip_address", ""), ReverseHost: r.str("reverse_host", ""),
	}
	if r.err == nil && (s.ServerID == "" || s.UserID == "" || s.Package == "") {
		r.err = fmt.Errorf("server %q: server_id, user_id and package are required", s.ServerID)
	}
	return s, r.err
}

func nodecoSnapshotFixture(flavour, stage string, m map[string]any) (NodecoSnapshot, error) {
	r := &fixtureReader{what: "snapshot", m: m}
	p := NodecoSnapshot{
		Flavour: flavour, Stage: stage,
		SnapshotID: r.str("snapshot_id", ""), ServerID: r.str("server_id", ""), Name: r.str("snapshot_name", ""),
		AddTime: r.time("snapshot_add_time"), EndTime: r.time("snapshot_end_time"),
		Cycle: r.str("snapshot_cycle", "manual"), Status: r.str("snapshot_status", "active"), Size: r.str("snapshot_size", "0"),
		InstallSource: r.str("install_source", "template"), OSTemplate: r.str("os_template", ""), OSVariant: r.str("os_variant", ""),
		Arch: r.str("arch", ""), Disk: r.num("disk", 0), HasHDD: r.str("has_hdd", "no") == "yes", URLKey: r.str("url_key", ""),
	}
	if r.err == nil && (p.SnapshotID == "" || p.ServerID == "" || p.URLKey == "") {
		r.err = fmt.Errorf("snapshot %q: snapshot_id, server_id and url_key are required", p.SnapshotID)
	}
	return p, r.err
}
