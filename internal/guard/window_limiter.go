package guard

import (
	"sync"
	"time"

	"github.com/mocksuite/mocksuite/internal/clock"
)

// RateLimiter is what a provider asks before it serves a limited request:
// Allow counts one request for key, or refuses it with how long to wait
// (whole seconds, at least one, for Retry-After).
type RateLimiter interface {
	Allow(key string) (bool, time.Duration)
	Reset()
	Len() int
}

// WindowLimiter allows at most N accepted requests per key in any rolling
// window of the mock clock: the strict reading of "N requests per minute",
// under which a steady client gets N a minute, where a token bucket of burst N
// refilled at N a minute lets through up to 2N in the first minute. Refused
// requests are not counted.
type WindowLimiter struct {
	clk     clock.Clock
	n       int
	window  time.Duration
	enabled bool

	mu     sync.Mutex
	keys   map[string]*window
	sweeps int
}

// window holds one key's accepted times, oldest first (at most n of them).
type window struct{ times []time.Time }

// NewWindowLimiter returns a limiter of n requests per key in any span of d.
func NewWindowLimiter(clk clock.Clock, n int, d time.Duration, enabled bool) *WindowLimiter {
	return &WindowLimiter{clk: clk, n: n, window: d, enabled: enabled && n > 0 && d > 0, keys: map[string]*window{}}
}

// Allow counts one request for key when fewer than n were accepted in the
// window that ends now; otherwise it returns false and the whole seconds until
// the oldest counted request leaves the window.
func (l *WindowLimiter) Allow(key string) (bool, time.Duration) {
	if !l.enabled {
		return true, 0
	}
	now := l.clk.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sweeps++; l.sweeps >= sweepEvery {
		l.sweeps = 0
		l.sweep(now)
	}
	key = boundKey(key)
	w := l.keys[key]
	if w == nil {
		if len(l.keys) >= maxLimiterKeys {
			l.sweep(now)
			shrink(l.keys, maxLimiterKeys)
		}
		w = &window{times: make([]time.Time, 0, min(l.n, 64))}
		l.keys[key] = w
	}
	w.expire(now, l.window)
	if len(w.times) < l.n {
		w.times = append(w.times, now)
		return true, 0
	}
	return false, roundUpSecond(w.times[0].Add(l.window).Sub(now))
}

// expire drops the times that have left the window ending at now. A request
// at exactly oldest+window no longer shares a window with the oldest. After
// the clock was set back, times in the future are dropped too: the window
// they were counted in has not happened yet.
func (w *window) expire(now time.Time, d time.Duration) {
	keep := w.times[:0]
	for _, t := range w.times {
		if now.Sub(t) < d && !t.After(now) {
			keep = append(keep, t)
		}
	}
	clear(w.times[len(keep):])
	w.times = keep
}

// sweep drops keys with nothing left in their window, bounding memory under
// many keys (one per client IP, say).
func (l *WindowLimiter) sweep(now time.Time) {
	for k, w := range l.keys {
		if w.expire(now, l.window); len(w.times) == 0 {
			delete(l.keys, k)
		}
	}
}

// Reset forgets every key.
func (l *WindowLimiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.keys = map[string]*window{}
}

// Len reports how many keys are tracked.
func (l *WindowLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}
