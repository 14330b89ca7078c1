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
	return queryList(ctx, s.db, "hostdime accounts", func(r rowScanner) (a HostdimeAccount, err error) {
		err = r.Scan(&a.ID, &a.Name, &a.APIKey, &a.PrivateKey)
		return a, err
	}, `SELECT id, name, api_key, private_key FROM hostdime_accounts ORDER BY id`)
}

// hostdimeOwnedBy selects the id of the account whose public key is the argument.
const hostdimeOwnedBy = `(SELECT id FROM hostdime_accounts WHERE api_key = ?)`

// HostdimeDeleteAccount removes the account of apiKey with everything it owns
// (services and their reverse DNS, domains, tickets) in one transaction;
// ErrNotFound when there is none.
func (s *Store) HostdimeDeleteAccount(ctx context.Context, apiKey string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return deleteOwned(ctx, tx, "hostdime account", []string{
			`DELETE FROM hostdime_rdns WHERE cuid IN (SELECT cuid FROM hostdime_services WHERE account_id = ` + hostdimeOwnedBy + `)`,
			`DELETE FROM hostdime_services WHERE account_id = ` + hostdimeOwnedBy,
			`DELETE FROM hostdime_domains WHERE account_id = ` + hostdimeOwnedBy,
			`DELETE FROM hostdime_tickets WHERE account_id = ` + hostdimeOwnedBy,
			`DELETE FROM hostdime_accounts WHERE api_key = ?`,
		}, apiKey)
	})
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
		if err != nil {
			return rowErrf(err, "hostdime account")
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
	return queryList(ctx, s.db, "hostdime all services", func(r rowScanner) (o HostdimeOwned[HostdimeService], err error) {
		o.Item, err = scanHostdimeService(prefixScanner{r, &o.APIKey})
		return o, err
	}, `SELECT a.api_key, `+hostdimeServiceColsAs("s")+`
		FROM hostdime_services s JOIN hostdime_accounts a ON a.id = s.account_id WHERE s.kind = ? ORDER BY s.cuid`, kind)
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
	row   rowScanner
	first *string
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.row.Scan(append([]any{p.first}, dest...)...)
}

// HostdimeAllDomains lists every domain by account, then name.
func (s *Store) HostdimeAllDomains(ctx context.Context) ([]HostdimeOwned[HostdimeDomain], error) {
	return queryList(ctx, s.db, "hostdime all domains", func(r rowScanner) (o HostdimeOwned[HostdimeDomain], err error) {
		err = r.Scan(&o.APIKey, &o.Item.Domain, &o.Item.Status, &o.Item.Created, &o.Item.Expires)
		return o, err
	}, `SELECT a.api_key, d.domain, d.status, d.created, d.expires
		FROM hostdime_domains d JOIN hostdime_accounts a ON a.id = d.account_id ORDER BY d.account_id, d.domain`)
}

// HostdimeAllTickets lists every ticket by id.
func (s *Store) HostdimeAllTickets(ctx context.Context) ([]HostdimeOwned[HostdimeTicket], error) {
	return queryList(ctx, s.db, "hostdime all tickets", func(r rowScanner) (o HostdimeOwned[HostdimeTicket], err error) {
		var created string
		t := &o.Item
		if err := r.Scan(&o.APIKey, &t.ID, &t.AccountID, &t.CUID, &t.Department, &t.Priority, &t.Subject, &t.Body, &t.Status, &created); err != nil {
			return o, err
		}
		if t.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
			return o, fmt.Errorf("ticket %d: %w", t.ID, err)
		}
		return o, nil
	}, `SELECT a.api_key, t.id, t.account_id, t.cuid, t.department, t.priority, t.subject, t.body, t.status, t.created_at
		FROM hostdime_tickets t JOIN hostdime_accounts a ON a.id = t.account_id ORDER BY t.id`)
}

// HostdimeRDNSRow is a reverse DNS record with the service it belongs to.
type HostdimeRDNSRow struct {
	CUID, IP, PTR string
}

// HostdimeAllRDNS lists every reverse DNS record by service and position.
func (s *Store) HostdimeAllRDNS(ctx context.Context) ([]HostdimeOwned[HostdimeRDNSRow], error) {
	return queryList(ctx, s.db, "hostdime all rdns", func(r rowScanner) (o HostdimeOwned[HostdimeRDNSRow], err error) {
		err = r.Scan(&o.APIKey, &o.Item.CUID, &o.Item.IP, &o.Item.PTR)
		return o, err
	}, `SELECT a.api_key, r.cuid, r.ip, r.ptr FROM hostdime_rdns r
		JOIN hostdime_services s ON s.cuid = r.cuid JOIN hostdime_accounts a ON a.id = s.account_id ORDER BY r.cuid, r.position, r.ip`)
}
