package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrGPKeyTaken is returned when a reseller would get another reseller's key.
var ErrGPKeyTaken = errors.New("store: geniusplugin api_key already in use")

// GPResellerPatch is a partial change of a reseller; nil fields stay.
type GPResellerPatch struct {
	Name        *string
	APIKey      *string
	IPs         []netip.Prefix // nil keeps the list, empty clears it
	CreditCents *int64
}

// GPPackageView is a package with its reseller's key.
type GPPackageView struct {
	GPPackage
	ResellerKey string
}

// GPLedgerView is a ledger entry with its reseller's key.
type GPLedgerView struct {
	GPLedgerEntry
	ResellerKey string
}

// gpAdminLedgerAction names credit changes made through the admin API in the
// ledger, so the audit trail still adds up.
const gpAdminLedgerAction = "admin set credit"

// GPResellerByKey returns a reseller with its authorised IPs by API key.
func (s *Store) GPResellerByKey(ctx context.Context, key string) (GPReseller, error) {
	all, err := s.GPResellers(ctx)
	if err != nil {
		return GPReseller{}, err
	}
	for _, r := range all {
		if r.APIKey == key {
			return r, nil
		}
	}
	return GPReseller{}, ErrNotFound
}

// GPDeleteReseller removes the reseller of key with its IPs, packages and
// ledger; ErrNotFound when there is none. The schema would cascade, but each
// table is named so that every change reaches the table versions.
func (s *Store) GPDeleteReseller(ctx context.Context, key string) error {
	const owner = `reseller_id = (SELECT id FROM gp_resellers WHERE api_key = ?)`
	return s.tx(ctx, func(tx *sql.Tx) error {
		return deleteOwned(ctx, tx, "geniusplugin reseller", []string{
			`DELETE FROM gp_credit_ledger WHERE ` + owner,
			`DELETE FROM gp_packages WHERE ` + owner,
			`DELETE FROM gp_reseller_ips WHERE ` + owner,
			`DELETE FROM gp_resellers WHERE api_key = ?`,
		}, key)
	})
}

func gpKeyTaken(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

func gpInsertIPs(ctx context.Context, tx *sql.Tx, id int64, ips []netip.Prefix) error {
	for _, p := range ips {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO gp_reseller_ips (reseller_id, prefix) VALUES (?, ?)`, id, p.String()); err != nil {
			return fmt.Errorf("store: geniusplugin reseller ips: %w", err)
		}
	}
	return nil
}

// GPCreateReseller adds a reseller with its IPs in one transaction.
func (s *Store) GPCreateReseller(ctx context.Context, r GPReseller) (GPReseller, error) {
	if r.CreditCents < 0 {
		return GPReseller{}, fmt.Errorf("store: geniusplugin credit %d is negative", r.CreditCents)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO gp_resellers (name, api_key, credit_cents) VALUES (?, ?, ?)`, r.Name, r.APIKey, r.CreditCents)
		if gpKeyTaken(err) {
			return ErrGPKeyTaken
		}
		if err != nil {
			return fmt.Errorf("store: geniusplugin create reseller: %w", err)
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return fmt.Errorf("store: geniusplugin create reseller: %w", err)
		}
		return gpInsertIPs(ctx, tx, r.ID, r.IPs)
	})
	if err != nil {
		return GPReseller{}, err
	}
	return s.GPResellerByKey(ctx, r.APIKey)
}

// GPUpdateReseller applies a partial change in one transaction. A credit
// change is written to the ledger with the balance after it.
func (s *Store) GPUpdateReseller(ctx context.Context, key string, p GPResellerPatch, now time.Time) (GPReseller, error) {
	if p.CreditCents != nil && *p.CreditCents < 0 {
		return GPReseller{}, fmt.Errorf("store: geniusplugin credit %d is negative", *p.CreditCents)
	}
	newKey := key
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var r GPReseller
		err := tx.QueryRowContext(ctx, `SELECT id, name, api_key, credit_cents FROM gp_resellers WHERE api_key = ?`, key).
			Scan(&r.ID, &r.Name, &r.APIKey, &r.CreditCents)
		if err != nil {
			return rowErrf(err, "geniusplugin reseller")
		}
		old := r.CreditCents
		if p.Name != nil {
			r.Name = *p.Name
		}
		if p.APIKey != nil {
			r.APIKey = *p.APIKey
		}
		if p.CreditCents != nil {
			r.CreditCents = *p.CreditCents
		}
		_, err = tx.ExecContext(ctx, `UPDATE gp_resellers SET name = ?, api_key = ?, credit_cents = ? WHERE id = ?`, r.Name, r.APIKey, r.CreditCents, r.ID)
		if gpKeyTaken(err) {
			return ErrGPKeyTaken
		}
		if err != nil {
			return fmt.Errorf("store: geniusplugin update reseller: %w", err)
		}
		if r.CreditCents != old {
			if _, err := tx.ExecContext(ctx, `INSERT INTO gp_credit_ledger (reseller_id, domain, action, amount_cents, balance_cents, at) VALUES (?, '', ?, ?, ?, ?)`,
				r.ID, gpAdminLedgerAction, r.CreditCents-old, r.CreditCents, gpTime(now)); err != nil {
				return fmt.Errorf("store: geniusplugin ledger: %w", err)
			}
		}
		if p.IPs != nil {
			if _, err := tx.ExecContext(ctx, `DELETE FROM gp_reseller_ips WHERE reseller_id = ?`, r.ID); err != nil {
				return fmt.Errorf("store: geniusplugin reseller ips: %w", err)
			}
			if err := gpInsertIPs(ctx, tx, r.ID, p.IPs); err != nil {
				return err
			}
		}
		newKey = r.APIKey
		return nil
	})
	if err != nil {
		return GPReseller{}, err
	}
	return s.GPResellerByKey(ctx, newKey)
}

// GPAllPackages lists every package by reseller id, then domain.
func (s *Store) GPAllPackages(ctx context.Context) ([]GPPackageView, error) {
	return queryList(ctx, s.db, "geniusplugin all packages", func(r rowScanner) (v GPPackageView, err error) {
		v.GPPackage, err = gpScanPackage(r, &v.ResellerKey)
		return v, err
	}, `SELECT r.api_key, `+gpPackageCols+` FROM gp_packages p JOIN gp_resellers r ON r.id = p.reseller_id ORDER BY p.reseller_id, p.domain`)
}

// GPAllLedger lists every credit movement, oldest first.
func (s *Store) GPAllLedger(ctx context.Context) ([]GPLedgerView, error) {
	return queryList(ctx, s.db, "geniusplugin all ledger", func(r rowScanner) (v GPLedgerView, err error) {
		v.GPLedgerEntry, err = gpScanLedger(r, &v.ResellerKey)
		return v, err
	}, `SELECT r.api_key, `+gpLedgerCols+` FROM gp_credit_ledger l JOIN gp_resellers r ON r.id = l.reseller_id ORDER BY l.id`)
}
