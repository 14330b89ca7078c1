package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ZipayExchange is one exchange between an account's own wallets.
type ZipayExchange struct {
	TrackID     string
	Account     int64
	Time        time.Time
	SpentAmount ZipayAmount
	SpentCoin   string
	Rate        ZipayAmount
	GetAmount   ZipayAmount
	GetCoin     string
	Market      string
	Side        string
}

// ExchangeZipay debits SpentAmount of SpentCoin, credits GetAmount of GetCoin
// and records the exchange, in one transaction; ErrZipayInsufficient when the
// wallet is short.
func (s *Store) ExchangeZipay(ctx context.Context, e ZipayExchange) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var zero ZipayAmount
		if err := zipayAdjustTx(ctx, tx, e.Account, e.SpentCoin, zero.Sub(e.SpentAmount)); err != nil {
			return err
		}
		if err := zipayAdjustTx(ctx, tx, e.Account, e.GetCoin, e.GetAmount); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO zipay_exchanges (trackid, account, created_at, spent_amount, spent_coin, rate, get_amount, get_coin, market, side)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.TrackID, e.Account, e.Time.UnixNano(), e.SpentAmount.String(), e.SpentCoin, e.Rate.String(), e.GetAmount.String(), e.GetCoin, e.Market, e.Side)
		if err != nil {
			return fmt.Errorf("store: zipay exchange: %w", err)
		}
		return nil
	})
}

// ZipayPage selects one page of a list, newest first unless Asc.
type ZipayPage struct {
	Limit, Page int
	Asc         bool
}

func (p ZipayPage) order() string {
	if p.Asc {
		return "ASC"
	}
	return "DESC"
}

func (p ZipayPage) offset() int { return (p.Page - 1) * p.Limit }

// ZipayExchanges lists an account's exchanges, optionally only trackID.
func (s *Store) ZipayExchanges(ctx context.Context, account int64, trackID string, p ZipayPage) ([]ZipayExchange, error) {
	// The ORDER BY direction comes from a two-value switch, never from input.
	return queryList(ctx, s.db, "zipay exchanges", scanZipayExchange, zipayExchangeSelect+
		` WHERE account = ? AND (? = '' OR trackid = ?) ORDER BY id `+p.order()+` LIMIT ? OFFSET ?`,
		account, trackID, trackID, p.Limit, p.offset())
}

// ZipayTransfer is one transfer between two accounts.
type ZipayTransfer struct {
	TrackID     string
	Sender      ZipayAccount
	Receiver    ZipayAccount
	Amount      ZipayAmount
	Currency    string
	OrderID     string
	Description *string // nil when not given
	Time        time.Time
}

// TransferZipay moves Amount from the sender to the receiver and records it,
// in one transaction; ErrZipayDuplicate when the sender used OrderID before,
// ErrZipayInsufficient when the sender's wallet is short.
func (s *Store) TransferZipay(ctx context.Context, t ZipayTransfer) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_transfers WHERE sender = ? AND order_id = ?`, t.Sender.Number, t.OrderID).Scan(&n); err != nil {
			return fmt.Errorf("store: zipay transfer order id: %w", err)
		}
		if n > 0 {
			return ErrZipayDuplicate
		}
		var zero ZipayAmount
		if err := zipayAdjustTx(ctx, tx, t.Sender.Number, t.Currency, zero.Sub(t.Amount)); err != nil {
			return err
		}
		if err := zipayAdjustTx(ctx, tx, t.Receiver.Number, t.Currency, t.Amount); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO zipay_transfers (trackid, sender, receiver, amount, currency, order_id, description, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.TrackID, t.Sender.Number, t.Receiver.Number, t.Amount.String(), t.Currency, t.OrderID, t.Description, t.Time.UnixNano())
		if err != nil {
			return fmt.Errorf("store: zipay transfer: %w", err)
		}
		return nil
	})
}

// ZipayTransferFilter narrows transfer-list.
type ZipayTransferFilter struct {
	TrackID string
	// Direction is "transfer_out", "transfer_in" or "" for both.
	Direction string
	OrderID   string
}

// ZipayTransfers lists the transfers an account sent or received.
func (s *Store) ZipayTransfers(ctx context.Context, account int64, f ZipayTransferFilter, p ZipayPage) ([]ZipayTransfer, error) {
	out := f.Direction != "transfer_in"
	in := f.Direction != "transfer_out"
	return queryList(ctx, s.db, "zipay transfers", scanZipayTransfer, zipayTransferSelect+`
		WHERE ((? AND t.sender = ?) OR (? AND t.receiver = ?)) AND (? = '' OR t.trackid = ?) AND (? = '' OR t.order_id = ?)
		ORDER BY t.id `+p.order()+` LIMIT ? OFFSET ?`,
		out, account, in, account, f.TrackID, f.TrackID, f.OrderID, f.OrderID, p.Limit, p.offset())
}

// zipayTransferSelect is the select list and joins scanZipayTransfer reads.
const zipayTransferSelect = `SELECT t.trackid, t.amount, t.currency, t.order_id, t.description, t.created_at,
			s.number, s.email, s.name, r.number, r.email, r.name
		FROM zipay_transfers t JOIN zipay_accounts s ON s.number = t.sender JOIN zipay_accounts r ON r.number = t.receiver`

// scanZipayTransfer reads a row selected with zipayTransferSelect.
func scanZipayTransfer(r rowScanner) (t ZipayTransfer, err error) {
	var amt string
	var desc sql.NullString
	var at int64
	if err = r.Scan(&t.TrackID, &amt, &t.Currency, &t.OrderID, &desc, &at,
		&t.Sender.Number, &t.Sender.Email, &t.Sender.Name, &t.Receiver.Number, &t.Receiver.Email, &t.Receiver.Name); err != nil {
		return t, err
	}
	if t.Amount, err = ParseZipayAmount(amt); err != nil {
		return t, err
	}
	if desc.Valid {
		d := desc.String
		t.Description = &d
	}
	t.Time = time.Unix(0, at).UTC()
	return t, nil
}

// ZipayWithdrawal is one crypto withdrawal.
type ZipayWithdrawal struct {
	TrackID   string
	Account   int64
	OrderID   int64
	Coin      string
	Network   string
	Requested ZipayAmount // debited from the wallet, fee included
	Amount    ZipayAmount // sent on chain: Requested − Fee
	Fee       ZipayAmount
	Address   string
	Status    string
	Time      time.Time
}

// WithdrawZipay debits Requested of Coin and records the queued withdrawal in
// one transaction; ErrZipayDuplicate on a reused order id, ErrZipayInsufficient
// when the wallet is short.
func (s *Store) WithdrawZipay(ctx context.Context, w ZipayWithdrawal) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_withdrawals WHERE account = ? AND order_id = ?`, w.Account, w.OrderID).Scan(&n); err != nil {
			return fmt.Errorf("store: zipay withdrawal order id: %w", err)
		}
		if n > 0 {
			return ErrZipayDuplicate
		}
		var zero ZipayAmount
		if err := zipayAdjustTx(ctx, tx, w.Account, w.Coin, zero.Sub(w.Requested)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO zipay_withdrawals (trackid, account, order_id, coin, network, requested, amount, fee, address, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			w.TrackID, w.Account, w.OrderID, w.Coin, w.Network, w.Requested.String(), w.Amount.String(), w.Fee.String(), w.Address, w.Status, w.Time.UnixNano())
		if err != nil {
			return fmt.Errorf("store: zipay withdrawal: %w", err)
		}
		return nil
	})
}

// IsZipayBusiness reports whether err is one of the Zipay rule errors (as
// opposed to a database failure).
func IsZipayBusiness(err error) bool {
	for _, e := range []error{ErrZipayInsufficient, ErrZipayDuplicate, ErrZipayTerminal, ErrZipayNotPaid, ErrZipayRejected, ErrZipayState, ErrZipayNationalID, ErrNotFound} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
