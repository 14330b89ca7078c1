package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Zipay invoice states. unpaid, pending and completed are stored; expired and
// rejected follow from the stored times and the clock when an invoice is read.
const (
	ZipayUnpaid    = "unpaid"
	ZipayPending   = "pending"
	ZipayCompleted = "completed"
	ZipayRejected  = "rejected"
	ZipayExpired   = "expired"
)

// ZipayInvoice is one invoice with its terminal and merchant.
type ZipayInvoice struct {
	TrackID       string
	Account       int64
	MerchantEmail string
	Terminal      int64
	TerminalName  string
	InvoiceNumber string
	Amount        ZipayAmount
	Currency      string
	NationalID    string
	Callback      string
	Webhook       string
	Status        string // as stored; see State
	CreatedAt     time.Time
	PaidAt        time.Time // zero until paid
	CompletedAt   time.Time // zero until verified
}

// ZipayInvoiceTimes are the two time limits of the invoice flow.
type ZipayInvoiceTimes struct {
	Lifetime     time.Duration // unpaid → expired
	VerifyWindow time.Duration // pending → rejected
}

// State is the invoice's state at now: an unpaid invoice past its lifetime is
// expired, a paid one not verified within the window is rejected.
func (inv ZipayInvoice) State(now time.Time, t ZipayInvoiceTimes) string {
	switch inv.Status {
	case ZipayUnpaid:
		if !now.Before(inv.CreatedAt.Add(t.Lifetime)) {
			return ZipayExpired
		}
	case ZipayPending:
		if !now.Before(inv.PaidAt.Add(t.VerifyWindow)) {
			return ZipayRejected
		}
	}
	return inv.Status
}

// CreateZipayInvoice stores a new unpaid invoice; ErrZipayTerminal when the
// terminal is not the account's, ErrZipayDuplicate when the invoice number is
// taken on that terminal.
func (s *Store) CreateZipayInvoice(ctx context.Context, inv ZipayInvoice) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT account FROM zipay_terminals WHERE number = ?`, inv.Terminal).Scan(&owner)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != inv.Account) {
			return ErrZipayTerminal
		}
		if err != nil {
			return fmt.Errorf("store: zipay terminal: %w", err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM zipay_invoices WHERE terminal = ? AND invoice_number = ?`, inv.Terminal, inv.InvoiceNumber).Scan(&n); err != nil {
			return fmt.Errorf("store: zipay invoice number: %w", err)
		}
		if n > 0 {
			return ErrZipayDuplicate
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO zipay_invoices (trackid, account, terminal, invoice_number, amount, currency, national_id, callback, webhook, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			inv.TrackID, inv.Account, inv.Terminal, inv.InvoiceNumber, inv.Amount.String(), inv.Currency, inv.NationalID, inv.Callback, inv.Webhook, ZipayUnpaid, inv.CreatedAt.UnixNano())
		if err != nil {
			return fmt.Errorf("store: zipay create invoice: %w", err)
		}
		return nil
	})
}

type zipayQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func zipayLoadInvoice(ctx context.Context, q zipayQuerier, trackID string) (ZipayInvoice, error) {
	var inv ZipayInvoice
	var amount string
	var created int64
	var paid, completed sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT i.trackid, i.account, a.email, i.terminal, t.name, i.invoice_number, i.amount, i.currency, i.national_id,
			i.callback, i.webhook, i.status, i.created_at, i.paid_at, i.completed_at
		FROM zipay_invoices i JOIN zipay_accounts a ON a.number = i.account JOIN zipay_terminals t ON t.number = i.terminal
		WHERE i.trackid = ?`, trackID).
		Scan(&inv.TrackID, &inv.Account, &inv.MerchantEmail, &inv.Terminal, &inv.TerminalName, &inv.InvoiceNumber, &amount, &inv.Currency, &inv.NationalID,
			&inv.Callback, &inv.Webhook, &inv.Status, &created, &paid, &completed)
	if err != nil {
		return inv, rowErrf(err, "zipay invoice")
	}
	if inv.Amount, err = ParseZipayAmount(amount); err != nil {
		return inv, fmt.Errorf("store: zipay invoice %s: %w", trackID, err)
	}
	inv.CreatedAt = time.Unix(0, created).UTC()
	if paid.Valid {
		inv.PaidAt = time.Unix(0, paid.Int64).UTC()
	}
	if completed.Valid {
		inv.CompletedAt = time.Unix(0, completed.Int64).UTC()
	}
	return inv, nil
}

// ZipayInvoiceByTrackID reads an invoice; ErrNotFound when unknown.
func (s *Store) ZipayInvoiceByTrackID(ctx context.Context, trackID string) (ZipayInvoice, error) {
	return zipayLoadInvoice(ctx, s.db, trackID)
}

// PayZipayInvoice records the payer's payment at now: the invoice must be
// unpaid (not expired) and, when it carries a national id, nationalID must
// match. When the invoice has a webhook, its delivery is queued in the same
// transaction, due at once, with webhookBody.
func (s *Store) PayZipayInvoice(ctx context.Context, trackID, nationalID string, now time.Time, t ZipayInvoiceTimes, webhookBody string) (ZipayInvoice, error) {
	var out ZipayInvoice
	err := s.tx(ctx, func(tx *sql.Tx) error {
		inv, err := zipayLoadInvoice(ctx, tx, trackID)
		if err != nil {
			return err
		}
		if inv.State(now, t) != ZipayUnpaid {
			out = inv
			return ErrZipayState
		}
		if inv.NationalID != "" && inv.NationalID != nationalID {
			out = inv
			return ErrZipayNationalID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE zipay_invoices SET status = ?, paid_at = ? WHERE trackid = ?`, ZipayPending, now.UnixNano(), trackID); err != nil {
			return fmt.Errorf("store: zipay pay invoice: %w", err)
		}
		if inv.Webhook != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_webhooks (trackid, url, body, state, next_at, created_at) VALUES (?, ?, ?, 'pending', ?, ?)`,
				trackID, inv.Webhook, webhookBody, now.UnixNano(), now.UnixNano()); err != nil {
				return fmt.Errorf("store: zipay queue webhook: %w", err)
			}
		}
		inv.Status, inv.PaidAt = ZipayPending, now
		out = inv
		return nil
	})
	return out, err
}

// VerifyZipayInvoice completes a paid invoice of account and credits the
// merchant in the same transaction. A completed invoice is returned again
// without a second credit. ErrNotFound for an unknown invoice or another
// account's; ErrZipayNotPaid when unpaid or expired; ErrZipayRejected when
// the verify window has passed.
func (s *Store) VerifyZipayInvoice(ctx context.Context, account int64, trackID string, now time.Time, t ZipayInvoiceTimes) (ZipayInvoice, error) {
	var out ZipayInvoice
	err := s.tx(ctx, func(tx *sql.Tx) error {
		inv, err := zipayLoadInvoice(ctx, tx, trackID)
		if err != nil {
			return err
		}
		if inv.Account != account {
			return ErrNotFound
		}
		switch inv.State(now, t) {
		case ZipayCompleted:
			out = inv
			return nil
		case ZipayRejected:
			return ErrZipayRejected
		case ZipayPending:
		default:
			return ErrZipayNotPaid
		}
		if _, err := tx.ExecContext(ctx, `UPDATE zipay_invoices SET status = ?, completed_at = ? WHERE trackid = ?`, ZipayCompleted, now.UnixNano(), trackID); err != nil {
			return fmt.Errorf("store: zipay verify invoice: %w", err)
		}
		if err := zipayAdjustTx(ctx, tx, account, inv.Currency, inv.Amount); err != nil {
			return fmt.Errorf("store: zipay credit invoice: %w", err)
		}
		inv.Status, inv.CompletedAt = ZipayCompleted, now
		out = inv
		return nil
	})
	return out, err
}
