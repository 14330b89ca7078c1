package zipay

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/admin"
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
	cfg := p.d.Config.Zipay
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

// MountAdmin serves /__admin/zipay/….
func (p *Provider) MountAdmin(r chi.Router) {
	r.Get("/webhooks", p.adminWebhooks)
	r.Post("/balances", p.adminSetBalance)
	p.mountAccountAdmin(r)
}

// adminSetBalance sets one wallet: {"account":10025,"currency":"IRT","amount":"500000000"}.
func (p *Provider) adminSetBalance(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Account  int64  `json:"account"`
		Currency string `json:"currency"`
		Amount   string `json:"amount"`
	}
	if err := admin.DecodeJSON(r, &in); err != nil {
		admin.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	amt, err := store.ParseZipayAmount(in.Amount)
	if _, known := coins[in.Currency]; err != nil || !known || amt.Sign() < 0 {
		admin.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "currency must be USD, USDT or IRT and amount a non-negative plain decimal string"})
		return
	}
	switch err := p.d.Store.SetZipayBalance(r.Context(), in.Account, in.Currency, amt); {
	case store.IsNotFound(err):
		admin.WriteJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("no zipay account %d", in.Account)})
	case err != nil:
		admin.WriteJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
	default:
		admin.WriteJSON(w, http.StatusOK, map[string]any{"account": in.Account, "currency": in.Currency, "amount": amt.String()})
	}
}

type adminAttempt struct {
	Attempt    int    `json:"attempt"`
	At         string `json:"at"`
	Status     int    `json:"status"`
	Error      string `json:"error"`
	DurationMS int64  `json:"duration_ms"`
}

type adminWebhook struct {
	ID            int64          `json:"id"`
	TrackID       string         `json:"trackid"`
	URL           string         `json:"url"`
	Body          string         `json:"body"`
	State         string         `json:"state"`
	Attempts      int            `json:"attempts"`
	NextAttemptAt *string        `json:"next_attempt_at"`
	LastStatus    int            `json:"last_status"`
	LastError     string         `json:"last_error"`
	CreatedAt     string         `json:"created_at"`
	History       []adminAttempt `json:"history"`
}

// adminWebhooks lists every delivery with each of its attempts.
func (p *Provider) adminWebhooks(w http.ResponseWriter, r *http.Request) {
	list, err := p.d.Store.ZipayWebhooks(r.Context())
	if err != nil {
		p.d.Logger.Error("zipay: admin webhooks", "err", err)
		admin.WriteJSON(w, http.StatusInternalServerError, map[string]string{"error": "zipay webhooks: " + err.Error()})
		return
	}
	out := make([]adminWebhook, 0, len(list))
	for _, wh := range list {
		a := adminWebhook{
			ID: wh.ID, TrackID: wh.TrackID, URL: wh.URL, Body: wh.Body, State: wh.State, Attempts: wh.Attempts,
			LastStatus: wh.LastStatus, LastError: wh.LastError, CreatedAt: wh.CreatedAt.Format(time.RFC3339Nano), History: []adminAttempt{},
		}
		if wh.State == store.ZipayWebhookPending {
			s := wh.NextAt.Format(time.RFC3339Nano)
			a.NextAttemptAt = &s
		}
		for _, h := range wh.History {
			a.History = append(a.History, adminAttempt{h.Attempt, h.At.Format(time.RFC3339Nano), h.Status, h.Error, h.DurationMS})
		}
		out = append(out, a)
	}
	admin.WriteJSON(w, http.StatusOK, map[string]any{"webhooks": out})
}
