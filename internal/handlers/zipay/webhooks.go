package zipay

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/store"
)

// workerTick is how often, in real time, Run looks for due deliveries.
const workerTick = 200 * time.Millisecond

// dueBatch bounds one DeliverDue pass.
const dueBatch = 50

// Run delivers webhooks until ctx ends: every tick, and at once after a
// payment queued one.
func (p *Provider) Run(ctx context.Context) {
	t := time.NewTicker(workerTick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-p.wake:
		}
		if _, err := p.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			p.d.Logger.Error("zipay: webhook delivery", "err", err)
		}
	}
}

// DeliverDue sends every delivery due at the mock clock's now, records each
// attempt and schedules a failed one again after the backoff (doubling per
// attempt, on the mock clock) until the configured number of attempts is
// spent. It returns how many attempts it made.
func (p *Provider) DeliverDue(ctx context.Context) (int, error) {
	p.deliverMu.Lock()
	defer p.deliverMu.Unlock()
	due, err := p.d.Store.ZipayDueWebhooks(ctx, p.d.Clock.Now(), dueBatch)
	if err != nil {
		return 0, err
	}
	cfg := p.cfg
	for i, wh := range due {
		status, errText, dur := p.post(ctx, wh)
		now := p.d.Clock.Now()
		a := store.ZipayWebhookAttempt{WebhookID: wh.ID, Attempt: wh.Attempts + 1, At: now, Status: status, Error: errText, DurationMS: dur.Milliseconds()}
		state, next := store.ZipayWebhookDelivered, now
		if status < 200 || status > 299 {
			state = store.ZipayWebhookPending
			if a.Attempt >= cfg.WebhookAttempts {
				state = store.ZipayWebhookFailed
			} else {
				next = now.Add(backoff(cfg.WebhookBackoff, a.Attempt))
			}
		}
		if err := p.d.Store.RecordZipayWebhookAttempt(ctx, a, state, next); err != nil {
			return i, fmt.Errorf("zipay: record webhook %d: %w", wh.ID, err)
		}
		p.d.Logger.Debug("zipay: webhook attempt", "id", wh.ID, "url", wh.URL, "attempt", a.Attempt, "status", status, "error", errText, "state", state)
	}
	return len(due), nil
}

// backoff is base·2^(attempt-1), capped so it cannot overflow.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < 24*time.Hour; i++ {
		d *= 2
	}
	return d
}

// post makes one attempt; the duration is real elapsed time (network latency),
// not mock time.
func (p *Provider) post(ctx context.Context, wh store.ZipayWebhook) (int, string, time.Duration) {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wh.URL, strings.NewReader(wh.Body))
	if err != nil {
		return 0, err.Error(), 0
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("User-Agent", "Zipay-Webhook")
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, err.Error(), time.Since(start)
	}
	defer resp.Body.Close()
	// The merchant's answer is ignored; read a little so the connection can be reused.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, "", time.Since(start)
}
