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
)

// GempayUser is one API key holder.
type GempayUser struct {
	ID      int64
	APIKey  string
	Name    string
	Role    string
	Balance int64 // whole rupiah
	IPs     []netip.Prefix
}

// gempayProductDB is the uncached read behind GempayProduct: is a product as one role sees it.
type GempayProduct struct {
	Kode     string
	Kategori string
	Produk   string
	Catatan  string
	Status   string // Aktif or NonAktif
	Harga    int64  // the price for the role asked
	Priced   bool   // false when the role has no price for this product
}

// gempayUserByKeyDB is the uncached read behind GempayUserByKey: finds a user by API key, with its whitelist; ErrNotFound when unknown.
func (s *Store) gempayUserByKeyDB(ctx context.Context, apiKey string) (GempayUser, error) {
	return gempayUser(ctx, s.db, `api_key = ?`, apiKey)
}

// GempayUserByID finds a user by id; ErrNotFound when the account is gone.
func (s *Store) GempayUserByID(ctx context.Context, id int64) (GempayUser, error) {
	return gempayUser(ctx, s.db, `id = ?`, id)
}

// gempayQuerier is what *sql.DB and *sql.Tx share.
type gempayQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// gempayUser loads one user; where is a fixed condition from this file, never request text.
func gempayUser(ctx context.Context, q gempayQuerier, where string, arg any) (GempayUser, error) {
	var u GempayUser
	var ips sql.NullString
	// One statement for the user and the whitelist (in insertion order): the
	// product list reads it on every call, and each go-sqlite3 query costs
	// more than the SQL itself.
	err := q.QueryRowContext(ctx, `SELECT id, api_key, name, role, balance,
		(SELECT group_concat(cidr, ' ' ORDER BY rowid) FROM gempay_user_ips WHERE user_id = u.id)
		FROM gempay_users u WHERE `+where, arg).
		Scan(&u.ID, &u.APIKey, &u.Name, &u.Role, &u.Balance, &ips)
	if err != nil {
		return GempayUser{}, rowErrf(err, "gempay user")
	}
	for _, c := range strings.Fields(ips.String) {
		p, err := netip.ParsePrefix(c)
		if err != nil {
			return GempayUser{}, fmt.Errorf("store: gempay user ips: stored %q: %w", c, err)
		}
		u.IPs = append(u.IPs, p)
	}
	return u, nil
}

// GempayWhitelistedAnywhere reports whether any user's whitelist holds addr.
// cek-status uses it before it knows whose transaction is asked for.
func (s *Store) GempayWhitelistedAnywhere(ctx context.Context, addr netip.Addr) (bool, error) {
	if !addr.IsValid() {
		return false, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT cidr FROM gempay_user_ips`)
	if err != nil {
		return false, fmt.Errorf("store: gempay whitelist: %w", err)
	}
	defer rows.Close()
	addr = addr.Unmap()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return false, fmt.Errorf("store: gempay whitelist: %w", err)
		}
		if p, err := netip.ParsePrefix(c); err == nil && p.Contains(addr) {
			return true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("store: gempay whitelist: %w", err)
	}
	return false, nil
}

// gempayProductsDB is the uncached read behind GempayProducts: lists every product in fixture order with role's price.
func (s *Store) gempayProductsDB(ctx context.Context, role string) ([]GempayProduct, error) {
	// A correlated subquery rather than a LEFT JOIN: same NULL for a missing
	// price, and go-sqlite3 runs it in a fraction of the join's time.
	return queryList(ctx, s.db, "gempay products", scanGempayProduct, `SELECT p.kode, p.kategori, p.produk, p.catatan, p.status,
		(SELECT pr.harga FROM gempay_prices pr WHERE pr.kode = p.kode AND pr.role = ?)
		FROM gempay_products p ORDER BY p.position, p.kode`, role)
}

// GempayProduct finds one product with role's price; ErrNotFound when unknown.
func (s *Store) gempayProductDB(ctx context.Context, kode, role string) (GempayProduct, error) {
	row := s.db.QueryRowContext(ctx, `SELECT p.kode, p.kategori, p.produk, p.catatan, p.status,
		(SELECT pr.harga FROM gempay_prices pr WHERE pr.kode = p.kode AND pr.role = ?)
		FROM gempay_products p WHERE p.kode = ?`, role, kode)
	p, err := scanGempayProduct(row)
	if errors.Is(err, sql.ErrNoRows) {
		return GempayProduct{}, ErrNotFound
	}
	return p, err
}

func scanGempayProduct(sc rowScanner) (GempayProduct, error) {
	var p GempayProduct
	var harga sql.NullInt64
	if err := sc.Scan(&p.Kode, &p.Kategori, &p.Produk, &p.Catatan, &p.Status, &harga); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return p, err
		}
		return p, fmt.Errorf("store: gempay product: %w", err)
	}
	p.Harga, p.Priced = harga.Int64, harga.Valid
	return p, nil
}

// GempayAccount returns a user after settling every order due by now, so the
// balance includes refunds of orders that ended Batal.
func (s *Store) GempayAccount(ctx context.Context, apiKey string, now time.Time) (GempayUser, error) {
	var u GempayUser
	err := s.balanceTx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		var err error
		u, err = gempayUser(ctx, tx, `api_key = ?`, apiKey)
		return err
	})
	return u, err
}

// GempaySetBalance sets a user's balance (mock-only control, spec §9).
func (s *Store) GempaySetBalance(ctx context.Context, apiKey string, balance int64) error {
	if balance < 0 {
		return fmt.Errorf("store: gempay balance %d is negative", balance)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE gempay_users SET balance = ? WHERE api_key = ?`, balance, apiKey)
		if err != nil {
			return fmt.Errorf("store: gempay set balance: %w", err)
		}
		return gempayAffected(res)
	})
}

// GempaySetIPs replaces a user's whitelist (mock-only control: the real
// provider's admin does this by hand).
func (s *Store) GempaySetIPs(ctx context.Context, apiKey string, ips []string) error {
	prefixes, err := guard.ParsePrefixes(ips)
	if err != nil {
		return fmt.Errorf("store: gempay ips: %w", err)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		u, err := gempayUser(ctx, tx, `api_key = ?`, apiKey)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM gempay_user_ips WHERE user_id = ?`, u.ID); err != nil {
			return fmt.Errorf("store: gempay ips: %w", err)
		}
		return insertGempayIPs(ctx, tx, u.ID, prefixes)
	})
}

// GempayDeleteUser removes an account and its whitelist; its orders stay.
func (s *Store) GempayDeleteUser(ctx context.Context, apiKey string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM gempay_users WHERE api_key = ?`, apiKey)
		if err != nil {
			return fmt.Errorf("store: gempay delete user: %w", err)
		}
		return gempayAffected(res)
	})
}

func gempayAffected(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: rows affected: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
