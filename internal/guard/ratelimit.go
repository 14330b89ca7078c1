package guard

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/mocksuite/mocksuite/internal/clock"
)

// Limiter is a set of per-key token buckets: "N per minute" means a burst of N
// refilled at N per 60 s. It reads the mock clock, so tests advance time
// instead of sleeping. A disabled Limiter allows everything.
type Limiter struct {
	clk     clock.Clock
	perMin  int
	enabled bool

	mu      sync.Mutex
	buckets map[string]*bucket
	sweeps  int
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// sweepEvery is how many Allow calls pass between sweeps of idle keys.
const sweepEvery = 1024

// NewLimiter returns a limiter of perMinute requests per key.
func NewLimiter(clk clock.Clock, perMinute int, enabled bool) *Limiter {
	return &Limiter{clk: clk, perMin: perMinute, enabled: enabled && perMinute > 0, buckets: map[string]*bucket{}}
}

// Allow takes one token for key. When none is left it returns false and how
// long until the next token, rounded up to whole seconds (for Retry-After).
func (l *Limiter) Allow(key string) (bool, time.Duration) {
	if !l.enabled {
		return true, 0
	}
	now := l.clk.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	key = boundKey(key)
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxLimiterKeys {
			l.sweep(now)
			shrink(l.buckets, maxLimiterKeys)
		}
		b = &bucket{lim: rate.NewLimiter(rate.Limit(float64(l.perMin)/60), l.perMin)}
		l.buckets[key] = b
	}
	b.seen = now
	if l.sweeps++; l.sweeps >= sweepEvery {
		l.sweeps = 0
		l.sweep(now)
	}
	if b.lim.AllowN(now, 1) {
		return true, 0
	}
	// Tokens are fractional; the wait for one whole token is (1 - tokens) / rate.
	missing := 1 - b.lim.TokensAt(now)
	wait := time.Duration(math.Ceil(missing * 60 / float64(l.perMin) * float64(time.Second)))
	return false, roundUpSecond(wait)
}

// sweep drops buckets idle for over a minute: by then they are full again, so
// dropping them changes no verdict and bounds memory under many keys.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.seen) > time.Minute || now.Before(b.seen) {
			delete(l.buckets, k)
		}
	}
}

// Reset forgets every key.
func (l *Limiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buckets = map[string]*bucket{}
}

// Len reports how many keys are tracked (for tests of the sweeper).
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

func roundUpSecond(d time.Duration) time.Duration {
	if d <= 0 {
		return time.Second
	}
	return ((d + time.Second - 1) / time.Second) * time.Second
}
