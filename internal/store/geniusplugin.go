package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/money"
)

// GeniuspluginSeeder loads fixtures/geniusplugin.yaml.
func GeniuspluginSeeder() Seeder {
	return newSeeder("geniusplugin", seedGeniusplugin,
		"gp_credit_ledger", "gp_packages", "gp_reseller_ips", "gp_resellers")
}

// GPReseller is a GeniusPlugin reseller account.
type GPReseller struct {
	ID          int64
	Name        string
	APIKey      string
	IPs         []netip.Prefix
	CreditCents int64
}

// gpPackageDB is the uncached read behind GPPackage: is a firewall package a reseller sold for a domain.
type GPPackage struct {
	ResellerID int64
	Domain     string // lower-cased
	Package    string
	Status     string // active | suspended
	Email      string
	Password   string // the decrypted end-user password, as the mock keeps it
	Token      string
	CreatedAt  time.Time
	ExpiresAt  time.Time
}

// GPLedgerEntry is one credit movement.
type GPLedgerEntry struct {
	Domain       string
	Action       string
	AmountCents  int64 // negative for a charge
	BalanceCents int64
	At           time.Time
}

// GPChange is what a business rule decided about one package; GPApply
// applies it together with the charge in one transaction.
type GPChange struct {
	Create *GPPackage // insert this package (there was none)
	Update *GPPackage // replace package, status, password and expiry
	Delete bool       // remove the package
	Charge int64      // cents taken from credit, >= 0
	Action string     // ledger action name
	At     time.Time  // mock time of the change
}

// ErrGPInsufficientCredit is returned by GPApply when the credit does not cover the charge.
var ErrGPInsufficientCredit = errors.New("store: geniusplugin: insufficient credit")

type gpFixture struct {
	Resellers []struct {
		Name     string   `yaml:"name"`
		APIKey   string   `yaml:"api_key"`
		IPs      []string `yaml:"authorised_ips"`
		Credit   string   `yaml:"credit"`
		Packages []struct {
			Domain    string    `yaml:"domain"`
			Package   string    `yaml:"package"`
			Status    string    `yaml:"status"`
			Email     string    `yaml:"email"`
			Password  string    `yaml:"password"`
			Token     string    `yaml:"token"`
			CreatedAt time.Time `yaml:"created_at"`
			ExpiresAt time.Time `yaml:"expires_at"`
		} `yaml:"packages"`
	} `yaml:"resellers"`
}

func seedGeniusplugin(ctx context.Context, tx *sql.Tx, fx gpFixture) error {
	for i, r := range fx.Resellers {
		where := fmt.Sprintf("resellers[%d]", i)
		if strings.TrimSpace(r.APIKey) == "" {
			return fmt.Errorf("%s: api_key is empty", where)
		}
		credit, err := money.ParseCents(r.Credit)
		if err != nil {
			return fmt.Errorf("%s: credit: %w", where, err)
		}
		prefixes, err := guard.ParsePrefixes(r.IPs)
		if err != nil {
			return fmt.Errorf("%s: authorised_ips: %w", where, err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO gp_resellers (name, api_key, credit_cents) VALUES (?, ?, ?)`, r.Name, r.APIKey, credit)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		for _, p := range prefixes {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO gp_reseller_ips (reseller_id, prefix) VALUES (?, ?)`, id, p.String()); err != nil {
				return fmt.Errorf("%s: authorised_ips: %w", where, err)
			}
		}
		for j, p := range r.Packages {
			pw := fmt.Sprintf("%s.packages[%d]", where, j)
			if p.Domain == "" || p.Package == "" || p.Token == "" || p.CreatedAt.IsZero() || p.ExpiresAt.IsZero() {
				return fmt.Errorf("%s: domain, package, token, created_at and expires_at are required", pw)
			}
			if p.Status != "active" && p.Status != "suspended" {
				return fmt.Errorf("%s: status %q is not active or suspended", pw, p.Status)
			}
			pkg := GPPackage{ResellerID: id, Domain: p.Domain, Package: p.Package, Status: p.Status, Email: p.Email,
				Password: p.Password, Token: p.Token, CreatedAt: p.CreatedAt, ExpiresAt: p.ExpiresAt}
			if err := gpInsertPackage(ctx, tx, pkg); err != nil {
				return fmt.Errorf("%s: %w", pw, err)
			}
		}
	}
	return nil
}

// GPResellersForIP returns the resellers whose authorised IPs include ip, by id.
func (s *Store) GPResellersForIP(ctx context.Context, ip netip.Addr) ([]GPReseller, error) {
	all, err := s.GPResellers(ctx)
	if err != nil {
		return nil, err
	}
	ip = ip.Unmap()
	var out []GPReseller
	for _, r := range all {
		for _, p := range r.IPs {
			if ip.IsValid() && p.Contains(ip) {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

// gpResellersDB is the uncached read behind GPResellers: returns every reseller with its authorised IPs, by id.
func (s *Store) gpResellersDB(ctx context.Context) ([]GPReseller, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, api_key, credit_cents FROM gp_resellers ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: geniusplugin resellers: %w", err)
	}
	var out []GPReseller
	index := map[int64]int{}
	for rows.Next() {
		var r GPReseller
		if err := rows.Scan(&r.ID, &r.Name, &r.APIKey, &r.CreditCents); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: geniusplugin resellers: %w", err)
		}
		index[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: geniusplugin resellers: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT reseller_id, prefix FROM gp_reseller_ips ORDER BY reseller_id, prefix`)
	if err != nil {
		return nil, fmt.Errorf("store: geniusplugin reseller ips: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var prefix string
		if err := rows.Scan(&id, &prefix); err != nil {
			return nil, fmt.Errorf("store: geniusplugin reseller ips: %w", err)
		}
		p, err := netip.ParsePrefix(prefix)
		if err != nil {
			return nil, fmt.Errorf("store: geniusplugin reseller %d: bad prefix %q: %w", id, prefix, err)
		}
		if i, ok := index[id]; ok {
			out[i].IPs = append(out[i].IPs, p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: geniusplugin reseller ips: %w", err)
	}
	return out, nil
}

// GPReseller returns one reseller by id, without its IPs.
func (s *Store) GPReseller(ctx context.Context, id int64) (GPReseller, error) {
	var r GPReseller
	err := s.db.QueryRowContext(ctx, `SELECT id, name, api_key, credit_cents FROM gp_resellers WHERE id = ?`, id).
		Scan(&r.ID, &r.Name, &r.APIKey, &r.CreditCents)
	if err != nil {
		return r, rowErrf(err, "geniusplugin reseller %d", id)
	}
	return r, nil
}

// GPCredit returns a reseller's credit in cents.
func (s *Store) GPCredit(ctx context.Context, resellerID int64) (int64, error) {
	r, err := s.GPReseller(ctx, resellerID)
	return r.CreditCents, err
}

const gpPackageCols = `reseller_id, domain, package, status, email, password, token, created_at, expires_at`

// GPPackage returns a reseller's package for domain (matched lower-cased), or ErrNotFound.
func (s *Store) gpPackageDB(ctx context.Context, resellerID int64, domain string) (GPPackage, error) {
	p, err := gpScanPackage(s.db.QueryRowContext(ctx, `SELECT `+gpPackageCols+` FROM gp_packages WHERE reseller_id = ? AND domain = ?`,
		resellerID, strings.ToLower(domain)))
	if err != nil && !IsNotFound(err) {
		return p, fmt.Errorf("store: geniusplugin package %s: %w", domain, err)
	}
	return p, err
}

// GPPackages returns a reseller's packages by domain.
func (s *Store) GPPackages(ctx context.Context, resellerID int64) ([]GPPackage, error) {
	return queryList(ctx, s.db, "geniusplugin packages", func(r rowScanner) (GPPackage, error) { return gpScanPackage(r) },
		`SELECT `+gpPackageCols+` FROM gp_packages WHERE reseller_id = ? ORDER BY domain`, resellerID)
}

// GPLedger returns a reseller's credit movements, oldest first.
func (s *Store) GPLedger(ctx context.Context, resellerID int64) ([]GPLedgerEntry, error) {
	return queryList(ctx, s.db, "geniusplugin ledger", func(r rowScanner) (GPLedgerEntry, error) { return gpScanLedger(r) },
		`SELECT `+gpLedgerCols+` FROM gp_credit_ledger WHERE reseller_id = ? ORDER BY id`, resellerID)
}

// gpLedgerCols are the columns gpScanLedger reads.
const gpLedgerCols = `domain, action, amount_cents, balance_cents, at`

// gpScanLedger reads the gpLedgerCols of a row, after the lead columns a
// query selects before them.
func gpScanLedger(row rowScanner, lead ...any) (e GPLedgerEntry, err error) {
	var at string
	if err = row.Scan(append(lead, &e.Domain, &e.Action, &e.AmountCents, &e.BalanceCents, &at)...); err != nil {
		return e, err
	}
	e.At, err = time.Parse(time.RFC3339Nano, at)
	return e, err
}

// GPApply reads a reseller's package for domain (nil when there is none),
// lets decide choose the change, and applies it with its charge in one
// transaction, so that a check of the credit or the state and the write that
// depends on it cannot interleave with another request. Errors from decide
// are returned unchanged; a charge the credit does not cover returns
// ErrGPInsufficientCredit and changes nothing.
func (s *Store) GPApply(ctx context.Context, resellerID int64, domain string, decide func(cur *GPPackage) (GPChange, error)) error {
	domain = strings.ToLower(domain)
	return s.tx(ctx, func(tx *sql.Tx) error {
		var credit int64
		if err := tx.QueryRowContext(ctx, `SELECT credit_cents FROM gp_resellers WHERE id = ?`, resellerID).Scan(&credit); err != nil {
			return rowErrf(err, "geniusplugin credit")
		}
		var cur *GPPackage
		p, err := gpScanPackage(tx.QueryRowContext(ctx, `SELECT `+gpPackageCols+` FROM gp_packages WHERE reseller_id = ? AND domain = ?`, resellerID, domain))
		switch {
		case err == nil:
			cur = &p
		case !IsNotFound(err):
			return fmt.Errorf("store: geniusplugin package %s: %w", domain, err)
		}
		ch, err := decide(cur)
		if err != nil {
			return err
		}
		if ch.Charge < 0 {
			return fmt.Errorf("store: geniusplugin: negative charge %d", ch.Charge)
		}
		if ch.Charge > credit {
			return ErrGPInsufficientCredit
		}
		switch {
		case ch.Create != nil:
			np := *ch.Create
			np.ResellerID, np.Domain = resellerID, domain
			if err := gpInsertPackage(ctx, tx, np); err != nil {
				return fmt.Errorf("store: geniusplugin create %s: %w", domain, err)
			}
		case ch.Delete:
			if _, err := tx.ExecContext(ctx, `DELETE FROM gp_packages WHERE reseller_id = ? AND domain = ?`, resellerID, domain); err != nil {
				return fmt.Errorf("store: geniusplugin delete %s: %w", domain, err)
			}
		case ch.Update != nil:
			u := ch.Update
			_, err := tx.ExecContext(ctx, `UPDATE gp_packages SET package = ?, status = ?, password = ?, expires_at = ? WHERE reseller_id = ? AND domain = ?`,
				u.Package, u.Status, u.Password, gpTime(u.ExpiresAt), resellerID, domain)
			if err != nil {
				return fmt.Errorf("store: geniusplugin update %s: %w", domain, err)
			}
		}
		if ch.Charge > 0 {
			credit -= ch.Charge
			if _, err := tx.ExecContext(ctx, `UPDATE gp_resellers SET credit_cents = ? WHERE id = ?`, credit, resellerID); err != nil {
				return fmt.Errorf("store: geniusplugin charge: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO gp_credit_ledger (reseller_id, domain, action, amount_cents, balance_cents, at) VALUES (?, ?, ?, ?, ?, ?)`,
				resellerID, domain, ch.Action, -ch.Charge, credit, gpTime(ch.At)); err != nil {
				return fmt.Errorf("store: geniusplugin ledger: %w", err)
			}
		}
		return nil
	})
}

func gpInsertPackage(ctx context.Context, tx *sql.Tx, p GPPackage) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO gp_packages (`+gpPackageCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ResellerID, strings.ToLower(p.Domain), p.Package, p.Status, p.Email, p.Password, p.Token, gpTime(p.CreatedAt), gpTime(p.ExpiresAt))
	return err
}

// gpScanPackage reads the gpPackageCols of a row, after the lead columns a
// query selects before them.
func gpScanPackage(row rowScanner, lead ...any) (GPPackage, error) {
	var p GPPackage
	var created, expires string
	err := row.Scan(append(lead, &p.ResellerID, &p.Domain, &p.Package, &p.Status, &p.Email, &p.Password, &p.Token, &created, &expires)...)
	if errors.Is(err, sql.ErrNoRows) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, err
	}
	if p.CreatedAt, err = time.Parse(time.RFC3339Nano, created); err != nil {
		return p, err
	}
	if p.ExpiresAt, err = time.Parse(time.RFC3339Nano, expires); err != nil {
		return p, err
	}
	return p, nil
}

func gpTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
