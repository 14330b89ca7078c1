package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/mocksuite/mocksuite/internal/guard"
)

// ErrGempayKeyTaken is returned when an account would get an API key another
// account already has.
var ErrGempayKeyTaken = errors.New("store: gempay api_key already in use")

// ErrGempayUnknownRole is returned for a role no product has a price for.
var ErrGempayUnknownRole = errors.New("store: gempay role has no prices")

// GempayUserPatch is a partial change of an account; nil fields stay.
type GempayUserPatch struct {
	APIKey  *string
	Name    *string
	Role    *string
	Balance *int64
	IPs     []string // nil keeps the whitelist, empty clears it
}

// GempayOrderView is an order with the API key of its account ("" once the
// account is gone).
type GempayOrderView struct {
	GempayOrder
	APIKey string
}

// GempayProductPrices is a product with its price for every role.
type GempayProductPrices struct {
	Kode, Kategori, Produk, Catatan, Status string
	Harga                                   map[string]int64
}

// GempayUsers settles what is due by now and lists every account by id
// (fixture order), so balances include refunds of orders that ended Batal.
func (s *Store) GempayUsers(ctx context.Context, now time.Time) ([]GempayUser, error) {
	var out []GempayUser
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		ids, err := queryList(ctx, tx, "gempay ids", scanOne[int64], `SELECT id FROM gempay_users ORDER BY id`)
		if err != nil {
			return err
		}
		out = make([]GempayUser, 0, len(ids))
		for _, id := range ids {
			u, err := gempayUser(ctx, tx, `id = ?`, id)
			if err != nil {
				return err
			}
			out = append(out, u)
		}
		return nil
	})
	return out, err
}

// GempayDeleteAccount removes the account ref names (API key or numeric id)
// with its whitelist (named, though the schema would cascade, so that the
// change reaches the table versions). Its orders stay, for the record: the
// orders view then shows them without a key.
func (s *Store) GempayDeleteAccount(ctx context.Context, ref string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		u, err := gempayUserByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		return deleteOwned(ctx, tx, "gempay account", []string{`DELETE FROM gempay_user_ips WHERE user_id = ?`, `DELETE FROM gempay_users WHERE id = ?`}, u.ID)
	})
}

// gempayUserByRef finds an account by API key, or else by its numeric row id.
func gempayUserByRef(ctx context.Context, tx *sql.Tx, ref string) (GempayUser, error) {
	u, err := gempayUser(ctx, tx, `api_key = ?`, ref)
	if !IsNotFound(err) {
		return u, err
	}
	id, perr := strconv.ParseInt(ref, 10, 64)
	if perr != nil {
		return GempayUser{}, ErrNotFound
	}
	return gempayUser(ctx, tx, `id = ?`, id)
}

// GempayUserByRef settles what is due by now and returns the account whose
// API key (or numeric id) is ref.
func (s *Store) GempayUserByRef(ctx context.Context, ref string, now time.Time) (GempayUser, error) {
	var u GempayUser
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		var err error
		u, err = gempayUserByRef(ctx, tx, ref)
		return err
	})
	return u, err
}

// gempayCheckRole refuses a role that no product is priced for: an account
// with it could buy nothing.
func gempayCheckRole(ctx context.Context, tx *sql.Tx, role string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM gempay_prices WHERE role = ?`, role).Scan(&n); err != nil {
		return fmt.Errorf("store: gempay role: %w", err)
	}
	if n == 0 {
		return ErrGempayUnknownRole
	}
	return nil
}

// GempayRoles lists the roles products are priced for, sorted.
func (s *Store) GempayRoles(ctx context.Context) ([]string, error) {
	return queryList(ctx, s.db, "gempay roles", scanOne[string], `SELECT DISTINCT role FROM gempay_prices ORDER BY role`)
}

func gempayKeyTaken(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// GempayCreateUser adds an account with its whitelist in one transaction.
func (s *Store) GempayCreateUser(ctx context.Context, u GempayUser, ips []string) (GempayUser, error) {
	if u.Balance < 0 {
		return GempayUser{}, fmt.Errorf("store: gempay balance %d is negative", u.Balance)
	}
	prefixes, err := guard.ParsePrefixes(ips)
	if err != nil {
		return GempayUser{}, fmt.Errorf("store: gempay ips: %w", err)
	}
	var out GempayUser
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempayCheckRole(ctx, tx, u.Role); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO gempay_users (api_key, name, role, balance) VALUES (?, ?, ?, ?)`, u.APIKey, u.Name, u.Role, u.Balance)
		if gempayKeyTaken(err) {
			return ErrGempayKeyTaken
		}
		if err != nil {
			return fmt.Errorf("store: gempay create user: %w", err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("store: gempay create user: %w", err)
		}
		if err := insertGempayIPs(ctx, tx, id, prefixes); err != nil {
			return fmt.Errorf("store: gempay create user: %w", err)
		}
		out, err = gempayUser(ctx, tx, `id = ?`, id)
		return err
	})
	return out, err
}

// GempayUpdateUser applies a partial change to the account ref names (API key
// or id) in one transaction, after settling what is due by now so a balance
// set here is not later shifted by an older refund.
func (s *Store) GempayUpdateUser(ctx context.Context, ref string, p GempayUserPatch, now time.Time) (GempayUser, error) {
	if p.Balance != nil && *p.Balance < 0 {
		return GempayUser{}, fmt.Errorf("store: gempay balance %d is negative", *p.Balance)
	}
	parsed, err := guard.ParsePrefixes(p.IPs)
	if err != nil {
		return GempayUser{}, fmt.Errorf("store: gempay ips: %w", err)
	}
	var out GempayUser
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		u, err := gempayUserByRef(ctx, tx, ref)
		if err != nil {
			return err
		}
		if p.Role != nil {
			if err := gempayCheckRole(ctx, tx, *p.Role); err != nil {
				return err
			}
			u.Role = *p.Role
		}
		if p.APIKey != nil {
			u.APIKey = *p.APIKey
		}
		if p.Name != nil {
			u.Name = *p.Name
		}
		if p.Balance != nil {
			u.Balance = *p.Balance
		}
		_, err = tx.ExecContext(ctx, `UPDATE gempay_users SET api_key = ?, name = ?, role = ?, balance = ? WHERE id = ?`, u.APIKey, u.Name, u.Role, u.Balance, u.ID)
		if gempayKeyTaken(err) {
			return ErrGempayKeyTaken
		}
		if err != nil {
			return fmt.Errorf("store: gempay update user: %w", err)
		}
		if p.IPs != nil {
			if _, err := tx.ExecContext(ctx, `DELETE FROM gempay_user_ips WHERE user_id = ?`, u.ID); err != nil {
				return fmt.Errorf("store: gempay update ips: %w", err)
			}
			if err := insertGempayIPs(ctx, tx, u.ID, parsed); err != nil {
				return fmt.Errorf("store: gempay update ips: %w", err)
			}
		}
		out, err = gempayUser(ctx, tx, `id = ?`, u.ID)
		return err
	})
	return out, err
}

// GempayAllOrders settles what is due by now and lists every order, oldest
// first, with its account's API key.
func (s *Store) GempayAllOrders(ctx context.Context, now time.Time) ([]GempayOrderView, error) {
	var out []GempayOrderView
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		list, err := gempayOrders(ctx, tx, `1 = ?`, 1)
		if err != nil {
			return err
		}
		users, err := queryList(ctx, tx, "gempay order keys", func(r rowScanner) (u GempayUser, err error) {
			err = r.Scan(&u.ID, &u.APIKey)
			return u, err
		}, `SELECT id, api_key FROM gempay_users`)
		if err != nil {
			return err
		}
		keys := make(map[int64]string, len(users))
		for _, u := range users {
			keys[u.ID] = u.APIKey
		}
		out = make([]GempayOrderView, 0, len(list))
		for _, o := range list {
			out = append(out, GempayOrderView{GempayOrder: o, APIKey: keys[o.UserID]})
		}
		return nil
	})
	return out, err
}

// GempayAllProducts lists every product in fixture order with all its prices.
func (s *Store) GempayAllProducts(ctx context.Context) ([]GempayProductPrices, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.kode, p.kategori, p.produk, p.catatan, p.status, pr.role, pr.harga
		FROM gempay_products p LEFT JOIN gempay_prices pr ON pr.kode = p.kode
		ORDER BY p.position, p.kode, pr.role`)
	if err != nil {
		return nil, fmt.Errorf("store: gempay all products: %w", err)
	}
	defer rows.Close()
	out := []GempayProductPrices{}
	for rows.Next() {
		var p GempayProductPrices
		var role sql.NullString
		var harga sql.NullInt64
		if err := rows.Scan(&p.Kode, &p.Kategori, &p.Produk, &p.Catatan, &p.Status, &role, &harga); err != nil {
			return nil, fmt.Errorf("store: gempay all products: %w", err)
		}
		if n := len(out); n == 0 || out[n-1].Kode != p.Kode {
			p.Harga = map[string]int64{}
			out = append(out, p)
		}
		if role.Valid {
			out[len(out)-1].Harga[role.String] = harga.Int64
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: gempay all products: %w", err)
	}
	return out, nil
}
