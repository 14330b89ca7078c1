package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrHostdimeKeyTaken is returned when an account would get another account's public key.
var ErrHostdimeKeyTaken = errors.New("store: hostdime api_key already in use")

// HostdimeAccountPatch is a partial change of an account; nil fields stay.
type HostdimeAccountPatch struct {
	Name, APIKey, PrivateKey *string
}

// HostdimeOwned pairs a row of state with the public key of its account.
type HostdimeOwned[T any] struct {
	Item   T
	APIKey string
}

// HostdimeAccounts lists every account by id (fixture order).
func (s *Store) HostdimeAccounts(ctx context.Context) ([]HostdimeAccount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, api_key, private_key FROM hostdime_accounts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: hostdime accounts: %w", err)
	}
	defer rows.Close()
	out := []HostdimeAccount{}
	for rows.Next() {
		var a HostdimeAccount
		if err := rows.Scan(&a.ID, &a.Name, &a.APIKey, &a.PrivateKey); err != nil {
			return nil, fmt.Errorf("store: hostdime accounts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: hostdime accounts: %w", err)
	}
	return out, nil
}

func hostdimeKeyTaken(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// HostdimeCreateAccount adds an account.
func (s *Store) HostdimeCreateAccount(ctx context.Context, a HostdimeAccount) (HostdimeAccount, error) {
	// Through s.tx, like every write, so cached reads see the new account.
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO hostdime_accounts (name, api_key, private_key) VALUES (?, ?, ?)`, a.Name, a.APIKey, a.PrivateKey)
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	})
	if hostdimeKeyTaken(err) {
		return HostdimeAccount{}, ErrHostdimeKeyTaken
	}
	if err != nil {
		return HostdimeAccount{}, fmt.Errorf("store: hostdime create account: %w", err)
	}
	return a, nil
}

// HostdimeUpdateAccount applies a partial change to the account of apiKey.
func (s *Store) HostdimeUpdateAccount(ctx context.Context, apiKey string, p HostdimeAccountPatch) (HostdimeAccount, error) {
	var out HostdimeAccount
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a := &out
		err := tx.QueryRowContext(ctx, `SELECT id, name, api_key, private_key FROM hostdime_accounts WHERE api_key = ?`, apiKey).
			Scan(&a.ID, &a.Name, &a.APIKey, &a.PrivateKey)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: hostdime account: %w", err)
		}
		if p.Name != nil {
			a.Name = *p.Name
		}
		if p.APIKey != nil {
			a.APIKey = *p.APIKey
		}
		if p.PrivateKey != nil {
			a.PrivateKey = *p.PrivateKey
		}
		_, err = tx.ExecContext(ctx, `UPDATE hostdime_accounts SET name = ?, api_key = ?, private_key = ? WHERE id = ?`, a.Name, a.APIKey, a.PrivateKey, a.ID)
		if hostdimeKeyTaken(err) {
			return ErrHostdimeKeyTaken
		}
		if err != nil {
			return fmt.Errorf("store: hostdime update account: %w", err)
		}
		return nil
	})
	return out, err
}

// HostdimeAllServices lists every service of kind, by cuid.
func (s *Store) HostdimeAllServices(ctx context.Context, kind string) ([]HostdimeOwned[HostdimeService], error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.api_key, `+hostdimeServiceColsAs("s")+`
		FROM hostdime_services s JOIN hostdime_accounts a ON a.id = s.account_id WHERE s.kind = ? ORDER BY s.cuid`, kind)
	if err != nil {
		return nil, fmt.Errorf("store: hostdime all services: %w", err)
	}
	defer rows.Close()
	out := []HostdimeOwned[HostdimeService]{}
	for rows.Next() {
		var key string
		svc, err := scanHostdimeService(prefixScanner{rows, &key})
		if err != nil {
			return nil, fmt.Errorf("store: hostdime all services: %w", err)
		}
		out = append(out, HostdimeOwned[HostdimeService]{svc, key})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: hostdime all services: %w", err)
	}
	return out, nil
}

// hostdimeServiceColsAs is hostdimeServiceCols qualified by a table alias.
func hostdimeServiceColsAs(alias string) string {
	return alias + `.cuid, ` + alias + `.account_id, ` + alias + `.kind, ` + alias + `.label, ` + alias + `.name, ` + alias + `.status, ` +
		alias + `.power, ` + alias + `.type, ` + alias + `.ip_main, ` + alias + `.dns_json, ` + alias + `.cpu, ` + alias + `.memory, ` +
		alias + `.ssh_port, ` + alias + `.drives_json, ` + alias + `.control_panel, ` + alias + `.ip_ipmi, ` + alias + `.ipmi_password, ` +
		alias + `.os, ` + alias + `.disk_usage, ` + alias + `.disk_quota`
}

// prefixScanner scans one leading column into first, then the rest as the
// wrapped scanner's caller expects.
type prefixScanner struct {
	rows  *sql.Rows
	first *string
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.rows.Scan(append([]any{p.first}, dest...)...)
}

// HostdimeAllDomains lists every domain by account, then name.
func (s *Store) HostdimeAllDomains(ctx context.Context) ([]HostdimeOwned[HostdimeDomain], error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.api_key, d.domain, d.status, d.created, d.expires
		FROM hostdime_domains d JOIN hostdime_accounts a ON a.id = d.account_id ORDER BY d.account_id, d.domain`)
	if err != nil {
		return nil, fmt.Errorf("store: hostdime all domains: %w", err)
	}
	defer rows.Close()
	out := []HostdimeOwned[HostdimeDomain]{}
	for rows.Next() {
		var o HostdimeOwned[HostdimeDomain]
		if err := rows.Scan(&o.APIKey, &o.Item.Domain, &o.Item.Status, &o.Item.Created, &o.Item.Expires); err != nil {
			return nil, fmt.Errorf("store: hostdime all domains: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: hostdime all domains: %w", err)
	}
	return out, nil
}

// HostdimeAllTickets lists every ticket by id.
func (s *Store) HostdimeAllTickets(ctx context.Context) ([]HostdimeOwned[HostdimeTicket], error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.api_key, t.id, t.account_id, t.cuid, t.department, t.priority, t.subject, t.body, t.status, t.created_at
		FROM hostdime_tickets t JOIN hostdime_accounts a ON a.id = t.account_id ORDER BY t.id`)
	if err != nil {
		return nil, fmt.Errorf("store: hostdime all tickets: %w", err)
	}
	defer rows.Close()
	out := []HostdimeOwned[HostdimeTicket]{}
	for rows.Next() {
		var o HostdimeOwned[HostdimeTicket]
		var created string
		t := &o.Item
		if err := rows.Scan(&o.APIKey, &t.ID, &t.AccountID, &t.CUID, &t.Department, &t.Priority, &t.Subject, &t.Body, &t.Status, &created); err != nil {
			return nil, fmt.Errorf("store: hostdime all tickets: %w", err)
		}
		if t.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
			return nil, fmt.Errorf("store: hostdime ticket %d: %w", t.ID, err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: hostdime all tickets: %w", err)
	}
	return out, nil
}

// HostdimeRDNSRow is a reverse DNS record with the service it belongs to.
type HostdimeRDNSRow struct {
	CUID, IP, PTR string
}

// HostdimeAllRDNS lists every reverse DNS record by service and position.
func (s *Store) HostdimeAllRDNS(ctx context.Context) ([]HostdimeOwned[HostdimeRDNSRow], error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.api_key, r.cuid, r.ip, r.ptr FROM hostdime_rdns r
		JOIN hostdime_services s ON s.cuid = r.cuid JOIN hostdime_accounts a ON a.id = s.account_id ORDER BY r.cuid, r.position, r.ip`)
	if err != nil {
		return nil, fmt.Errorf("store: hostdime all rdns: %w", err)
	}
	defer rows.Close()
	out := []HostdimeOwned[HostdimeRDNSRow]{}
	for rows.Next() {
		var o HostdimeOwned[HostdimeRDNSRow]
		if err := rows.Scan(&o.APIKey, &o.Item.CUID, &o.Item.IP, &o.Item.PTR); err != nil {
			return nil, fmt.Errorf("store: hostdime all rdns: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: hostdime all rdns: %w", err)
	}
	return out, nil
}
