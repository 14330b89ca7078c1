package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Zipay webhook delivery states.
const (
	ZipayWebhookPending   = "pending"
	ZipayWebhookDelivered = "delivered"
	ZipayWebhookFailed    = "failed"
)

// ZipayWebhook is one queued webhook delivery with its attempts.
type ZipayWebhook struct {
	ID         int64
	TrackID    string
	URL        string
	Body       string
	State      string
	Attempts   int
	NextAt     time.Time
	LastStatus int
	LastError  string
	CreatedAt  time.Time
	History    []ZipayWebhookAttempt
}

// ZipayWebhookAttempt is one try at delivering a webhook.
type ZipayWebhookAttempt struct {
	WebhookID  int64
	Attempt    int
	At         time.Time
	Status     int // HTTP status, 0 when no answer
	Error      string
	DurationMS int64
}

// ZipayDueWebhooks returns pending deliveries due at now, oldest first.
func (s *Store) ZipayDueWebhooks(ctx context.Context, now time.Time, limit int) ([]ZipayWebhook, error) {
	return queryList(ctx, s.db, "zipay due webhooks", scanZipayWebhook, `SELECT `+zipayWebhookCols+`
		FROM zipay_webhooks WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?`, now.UnixNano(), limit)
}

// zipayWebhookCols are the columns scanZipayWebhook reads.
const zipayWebhookCols = `id, trackid, url, body, state, attempts, next_at, last_status, last_error, created_at`

func scanZipayWebhook(r rowScanner) (w ZipayWebhook, err error) {
	var next, created int64
	err = r.Scan(&w.ID, &w.TrackID, &w.URL, &w.Body, &w.State, &w.Attempts, &next, &w.LastStatus, &w.LastError, &created)
	w.NextAt, w.CreatedAt = time.Unix(0, next).UTC(), time.Unix(0, created).UTC()
	return w, err
}

// RecordZipayWebhookAttempt stores an attempt and the delivery's new state
// (and, while still pending, when the next attempt is due) in one transaction.
func (s *Store) RecordZipayWebhookAttempt(ctx context.Context, a ZipayWebhookAttempt, state string, nextAt time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO zipay_webhook_attempts (webhook_id, attempt, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)`,
			a.WebhookID, a.Attempt, a.At.UnixNano(), a.Status, a.Error, a.DurationMS); err != nil {
			return fmt.Errorf("store: zipay webhook attempt: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE zipay_webhooks SET state = ?, attempts = ?, next_at = ?, last_status = ?, last_error = ? WHERE id = ?`,
			state, a.Attempt, nextAt.UnixNano(), a.Status, a.Error, a.WebhookID); err != nil {
			return fmt.Errorf("store: zipay webhook state: %w", err)
		}
		return nil
	})
}

// ZipayWebhooks lists every delivery, oldest first, with its attempts.
func (s *Store) ZipayWebhooks(ctx context.Context) ([]ZipayWebhook, error) {
	list, err := queryList(ctx, s.db, "zipay webhooks", scanZipayWebhook, `SELECT `+zipayWebhookCols+` FROM zipay_webhooks ORDER BY id`)
	if err != nil {
		return nil, err
	}
	byID := map[int64]int{}
	for i, w := range list {
		byID[w.ID] = i
		list[i].History = []ZipayWebhookAttempt{}
	}
	arows, err := s.db.QueryContext(ctx, `SELECT webhook_id, attempt, at, status, error, duration_ms FROM zipay_webhook_attempts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: zipay webhook attempts: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var a ZipayWebhookAttempt
		var at int64
		if err := arows.Scan(&a.WebhookID, &a.Attempt, &at, &a.Status, &a.Error, &a.DurationMS); err != nil {
			return nil, fmt.Errorf("store: zipay webhook attempts: %w", err)
		}
		a.At = time.Unix(0, at).UTC()
		if i, ok := byID[a.WebhookID]; ok {
			list[i].History = append(list[i].History, a)
		}
	}
	return list, arows.Err()
}
