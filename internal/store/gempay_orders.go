package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Gempay order statuses (spec §8).
const (
	GempayPending = "Pending"
	GempaySuccess = "Success"
	GempayBatal   = "Batal"
)

// Errors of GempayPlaceOrder and GempayForceStatus.
var (
	ErrGempayRefUsed      = errors.New("store: gempay ref_id already used by this user")
	ErrGempayInsufficient = errors.New("store: gempay balance below the price")
	ErrGempayOrderSettled = errors.New("store: gempay order is no longer Pending")
)

// GempayOrderItem is the part of an order its caller names: who buys what,
// for which game account, at which price.
type GempayOrderItem struct {
	UserID     int64
	RefID      string
	GameUserID string
	Zone       string
	Kode       string
	Produk     string
	Harga      int64
}

// GempayOrder is a stored order.
type GempayOrder struct {
	OrderID string
	GempayOrderItem
	Status      string
	FinalStatus string
	CreatedAt   time.Time
	DueAt       time.Time
}

// GempayNewOrder is what the order endpoint asks the store to record.
type GempayNewOrder struct {
	GempayOrderItem
	FinalStatus string // Success or Batal, taken at DueAt
	Now         time.Time
	DueAt       time.Time
}

// gempayMaxIDTries bounds the retries when a generated order_id is taken.
const gempayMaxIDTries = 8

// GempayPlaceOrder checks ref_id and balance, deducts the price and stores the
// order as Pending, all in one write transaction: concurrent orders can
// neither overdraw a balance nor reuse a ref_id. newID draws order ids.
func (s *Store) GempayPlaceOrder(ctx context.Context, o GempayNewOrder, newID func() string) (GempayOrder, error) {
	if o.Harga < 0 {
		return GempayOrder{}, fmt.Errorf("store: gempay order: negative price %d", o.Harga)
	}
	out := GempayOrder{GempayOrderItem: o.GempayOrderItem, Status: GempayPending, FinalStatus: o.FinalStatus, CreatedAt: o.Now, DueAt: o.DueAt}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, o.Now); err != nil {
			return err
		}
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM gempay_orders WHERE user_id = ? AND ref_id = ?`, o.UserID, o.RefID).Scan(&used); err != nil {
			return fmt.Errorf("store: gempay ref_id check: %w", err)
		}
		if used > 0 {
			return ErrGempayRefUsed
		}
		// The balance guard sits in the UPDATE itself, so the check and the
		// charge cannot come apart.
		res, err := tx.ExecContext(ctx, `UPDATE gempay_users SET balance = balance - ? WHERE id = ? AND balance >= ?`, o.Harga, o.UserID, o.Harga)
		if err != nil {
			return fmt.Errorf("store: gempay charge: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: gempay charge: %w", err)
		} else if n == 0 {
			var exists int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM gempay_users WHERE id = ?`, o.UserID).Scan(&exists); err != nil {
				return fmt.Errorf("store: gempay charge: %w", err)
			}
			if exists == 0 {
				return ErrNotFound
			}
			return ErrGempayInsufficient
		}
		id, err := gempayFreeOrderID(ctx, tx, newID)
		if err != nil {
			return err
		}
		out.OrderID = id
		_, err = tx.ExecContext(ctx, `INSERT INTO gempay_orders
			(order_id, user_id, ref_id, game_user_id, zone, kode, produk, harga, status, final_status, created_at, due_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, o.UserID, o.RefID, o.GameUserID, o.Zone, o.Kode, o.Produk, o.Harga, GempayPending, o.FinalStatus, o.Now.UnixNano(), o.DueAt.UnixNano())
		if err != nil {
			var se sqlite3.Error
			if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
				// The order_id was checked free above, so only (user_id, ref_id) can clash.
				return ErrGempayRefUsed
			}
			return fmt.Errorf("store: gempay insert order: %w", err)
		}
		return nil
	})
	if err != nil {
		return GempayOrder{}, err
	}
	return out, nil
}

func gempayFreeOrderID(ctx context.Context, tx *sql.Tx, newID func() string) (string, error) {
	for range gempayMaxIDTries {
		id := newID()
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM gempay_orders WHERE order_id = ?`, id).Scan(&n); err != nil {
			return "", fmt.Errorf("store: gempay order id: %w", err)
		}
		if n == 0 {
			return id, nil
		}
	}
	return "", fmt.Errorf("store: gempay order id: %d generated ids were all taken", gempayMaxIDTries)
}

// GempayFindOrders settles what is due by now and returns the orders trxID
// names: the order with that order_id, or else every order with that ref_id
// (ref_id is unique per user only), oldest first. Empty when none.
func (s *Store) GempayFindOrders(ctx context.Context, trxID string, now time.Time) ([]GempayOrder, error) {
	var out []GempayOrder
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		var err error
		out, err = gempayOrders(ctx, tx, `order_id = ?`, trxID)
		if err != nil || len(out) > 0 {
			return err
		}
		out, err = gempayOrders(ctx, tx, `ref_id = ?`, trxID)
		return err
	})
	return out, err
}

const gempayOrderCols = `order_id, user_id, ref_id, game_user_id, zone, kode, produk, harga, status, final_status, created_at, due_at`

// gempayOrders loads orders; where is a fixed condition from this file.
func gempayOrders(ctx context.Context, q gempayQuerier, where string, arg any) ([]GempayOrder, error) {
	return queryList(ctx, q, "gempay orders", func(r rowScanner) (o GempayOrder, err error) {
		var created, due int64
		err = r.Scan(&o.OrderID, &o.UserID, &o.RefID, &o.GameUserID, &o.Zone, &o.Kode, &o.Produk, &o.Harga, &o.Status, &o.FinalStatus, &created, &due)
		o.CreatedAt, o.DueAt = time.Unix(0, created).UTC(), time.Unix(0, due).UTC()
		return o, err
	}, `SELECT `+gempayOrderCols+` FROM gempay_orders WHERE `+where+` ORDER BY created_at, order_id`, arg)
}

// GempayForceStatus ends a Pending order now as Success or Batal (mock-only
// control, spec §8); Batal refunds the price in the same transaction.
func (s *Store) GempayForceStatus(ctx context.Context, orderID, status string, now time.Time) (GempayOrder, error) {
	if status != GempaySuccess && status != GempayBatal {
		return GempayOrder{}, fmt.Errorf("store: gempay status %q must be %s or %s", status, GempaySuccess, GempayBatal)
	}
	var out GempayOrder
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		list, err := gempayOrders(ctx, tx, `order_id = ?`, orderID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return ErrNotFound
		}
		if list[0].Status != GempayPending {
			return ErrGempayOrderSettled
		}
		if _, err := tx.ExecContext(ctx, `UPDATE gempay_orders SET final_status = ?, due_at = ? WHERE order_id = ?`, status, now.UnixNano(), orderID); err != nil {
			return fmt.Errorf("store: gempay force status: %w", err)
		}
		if err := gempaySettle(ctx, tx, now); err != nil {
			return err
		}
		list, err = gempayOrders(ctx, tx, `order_id = ?`, orderID)
		if err != nil {
			return err
		}
		out = list[0]
		return nil
	})
	return out, err
}

// gempaySettle moves every Pending order whose due time has passed to its
// final status, refunding those that end Batal, inside the caller's
// transaction. Orders change state when read, never by a timer.
func gempaySettle(ctx context.Context, tx *sql.Tx, now time.Time) error {
	at := now.UnixNano()
	if _, err := tx.ExecContext(ctx, `UPDATE gempay_users SET balance = balance + (
			SELECT COALESCE(SUM(o.harga), 0) FROM gempay_orders o
			WHERE o.user_id = gempay_users.id AND o.status = 'Pending' AND o.final_status = 'Batal' AND o.due_at <= ?)
		WHERE id IN (SELECT user_id FROM gempay_orders WHERE status = 'Pending' AND final_status = 'Batal' AND due_at <= ?)`, at, at); err != nil {
		return fmt.Errorf("store: gempay refund: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE gempay_orders SET status = final_status WHERE status = 'Pending' AND due_at <= ?`, at); err != nil {
		return fmt.Errorf("store: gempay settle: %w", err)
	}
	return nil
}
