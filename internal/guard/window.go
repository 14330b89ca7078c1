package guard

import (
	"sync"
	"time"

	"github.com/mocksuite/mocksuite/internal/clock"
)

// WindowVerdict tells where a client timestamp falls against the mock clock.
type WindowVerdict int

const (
	// InWindow means |ts - now| <= window.
	InWindow WindowVerdict = iota
	// TooOld means ts is more than window before now.
	TooOld
	// TooNew means ts is more than window after now.
	TooNew
)

// CheckWindow compares ts against now with a symmetric window (edges included).
func CheckWindow(now, ts time.Time, window time.Duration) WindowVerdict {
	switch d := now.Sub(ts); {
	case d > window:
		return TooOld
	case d < -window:
		return TooNew
	default:
		return InWindow
	}
}

// ReplayCache remembers (scope, nonce) pairs for a window of mock time, so a
// nonce reused inside the window is refused and one reused after it is not.
type ReplayCache struct {
	clk    clock.Clock
	window time.Duration

	mu    sync.Mutex
	seen  map[string]time.Time
	calls int
}

// NewReplayCache returns a cache whose entries live for window.
func NewReplayCache(clk clock.Clock, window time.Duration) *ReplayCache {
	return &ReplayCache{clk: clk, window: window, seen: map[string]time.Time{}}
}

// Use records nonce for scope and reports whether it was fresh. The check and
// the record are one step, so two concurrent uses of one nonce cannot both pass.
func (c *ReplayCache) Use(scope, nonce string) bool {
	now := c.clk.Now()
	key := boundKey(scope + "\x00" + nonce)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.calls++; c.calls >= sweepEvery || len(c.seen) >= maxReplayKeys {
		c.calls = 0
		for k, at := range c.seen {
			if now.Sub(at) > c.window || now.Before(at) {
				delete(c.seen, k)
			}
		}
		if len(c.seen) >= maxReplayKeys {
			shrink(c.seen, maxReplayKeys)
		}
	}
	if at, ok := c.seen[key]; ok && now.Sub(at) <= c.window && !now.Before(at) {
		return false
	}
	c.seen[key] = now
	return true
}

// Reset forgets every nonce.
func (c *ReplayCache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen = map[string]time.Time{}
}
