package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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

// GempayNewOrder is what the order endpoint asks the store to record.
type GempayNewOrder struct {
	UserID      int64
	RefID       string
	GameUserID  string
	Zone        string
	Kode        string
	Produk      string
	Harga       int64
	FinalStatus string    // Success or Batal, taken at DueAt
	CreatedAt   time.Time // when the order is placed
	DueAt       time.Time
}

// GempayOrder is a stored order: what was asked for, the order_id drawn for
// it and its status now.
type GempayOrder struct {
	GempayNewOrder
	OrderID string
	Status  string
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
	out := GempayOrder{GempayNewOrder: o, Status: GempayPending}
	// Settling, charging and inserting change no user column but balance.
	err := s.balanceTx(ctx, func(tx *sql.Tx) error {
		if err := gempaySettle(ctx, tx, o.CreatedAt); err != nil {
			return err
		}
		// Charge first, then insert: a used ref_id surfaces as the UNIQUE
		// (user_id, ref_id) violation of the insert, and the rollback returns
		// the charge. Four statements in all where a success took six.
		res, err := tx.ExecContext(ctx, `UPDATE gempay_users SET balance = balance - ? WHERE id = ? AND balance >= ?`, o.Harga, o.UserID, o.Harga)
		if err != nil {
			return fmt.Errorf("store: gempay charge: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: gempay charge: %w", err)
		} else if n == 0 {
			return gempayWhyNotCharged(ctx, tx, o)
		}
		for range gempayMaxIDTries {
			id := newID()
			_, err = tx.ExecContext(ctx, `INSERT INTO gempay_orders
				(order_id, user_id, ref_id, game_user_id, zone, kode, produk, harga, status, final_status, created_at, due_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, o.UserID, o.RefID, o.GameUserID, o.Zone, o.Kode, o.Produk, o.Harga, GempayPending, o.FinalStatus, o.CreatedAt.UnixNano(), o.DueAt.UnixNano())
			switch clash := gempayUniqueClash(err); {
			case err == nil:
				out.OrderID = id
				return nil
			case clash == "gempay_orders.order_id":
				continue // the generated id is taken: draw another
			case clash != "":
				return ErrGempayRefUsed
			default:
				return fmt.Errorf("store: gempay insert order: %w", err)
			}
		}
		return fmt.Errorf("store: gempay order id: %d generated ids were all taken", gempayMaxIDTries)
	})
	if err != nil {
		return GempayOrder{}, err
	}
	return out, nil
}

// gempayWhyNotCharged tells why the charge matched no row, checking in the
// order the provider does: a used ref_id first, then the account, then the
// balance.
func gempayWhyNotCharged(ctx context.Context, tx *sql.Tx, o GempayNewOrder) error {
	var used, exists int
	if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM gempay_orders WHERE user_id = ? AND ref_id = ?),
			(SELECT COUNT(*) FROM gempay_users WHERE id = ?)`, o.UserID, o.RefID, o.UserID).Scan(&used, &exists); err != nil {
		return fmt.Errorf("store: gempay charge: %w", err)
	}
	switch {
	case used > 0:
		return ErrGempayRefUsed
	case exists == 0:
		return ErrNotFound
	}
	return ErrGempayInsufficient
}

// gempayUniqueClash names the columns of a UNIQUE or PRIMARY KEY violation
// ("" for any other error), as SQLite words both: "UNIQUE constraint failed:
// t.a, t.b".
func gempayUniqueClash(err error) string {
	var se sqlite3.Error
	if !errors.As(err, &se) || (se.ExtendedCode != sqlite3.ErrConstraintUnique && se.ExtendedCode != sqlite3.ErrConstraintPrimaryKey) {
		return ""
	}
	_, cols, _ := strings.Cut(se.Error(), "UNIQUE constraint failed: ")
	return cols
}

// GempayFindOrders settles what is due by now and returns the orders trxID
// names: the order with that order_id, or else every order with that ref_id
// (ref_id is unique per user only), oldest first. Empty when none.
func (s *Store) GempayFindOrders(ctx context.Context, trxID string, now time.Time) ([]GempayOrder, error) {
	var out []GempayOrder
	err := s.balanceTx(ctx, func(tx *sql.Tx) error {
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
	err := s.balanceTx(ctx, func(tx *sql.Tx) error {
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
