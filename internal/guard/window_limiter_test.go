package guard

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/clock"
)

var (
	_ RateLimiter = (*Limiter)(nil)
	_ RateLimiter = (*WindowLimiter)(nil)
)

// "20 per minute" in a rolling window: the 21st call within 60 s of the first
// is refused until the first leaves the window, and a steady client gets 20,
// not 40, in its first minute.
func TestWindowLimiterEdges(t *testing.T) {
	clk := clock.New()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	clk.Set(t0)
	l := NewWindowLimiter(clk, 20, time.Minute, true)
	for i := range 20 {
		ok, _ := l.Allow("ip")
		require.True(t, ok, "call %d", i+1)
		clk.Advance(time.Second) // calls at t0 … t0+19s
	}
	// t0+20s: the 21st call; the oldest (t0) leaves at t0+60s.
	ok, wait := l.Allow("ip")
	assert.False(t, ok)
	assert.Equal(t, 40*time.Second, wait)
	assert.True(t, mustAllow(l, "other"), "keys are independent")

	clk.Set(t0.Add(60*time.Second - time.Millisecond))
	ok, wait = l.Allow("ip")
	assert.False(t, ok, "59.999 s after the first call it is still in the window")
	assert.Equal(t, time.Second, wait, "Retry-After is at least one whole second")

	clk.Set(t0.Add(60 * time.Second))
	assert.True(t, mustAllow(l, "ip"), "at 60 s the first call has left the window")
	ok, wait = l.Allow("ip")
	assert.False(t, ok, "only one slot freed")
	assert.Equal(t, time.Second, wait, "the next oldest (t0+1s) leaves at t0+61s")
}

// A steady client at one call every 3 s against 20/min: exactly 20 of the
// first 20 calls pass in the first minute, and from then on one in every
// window of 60 s leaves for each that enters — never more than 20 in any
// 60 s span.
func TestWindowLimiterSteadyClientNeverExceedsN(t *testing.T) {
	clk := clock.New()
	t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	clk.Set(t0)
	l := NewWindowLimiter(clk, 20, time.Minute, true)
	var accepted []time.Time
	for i := range 400 { // one call every 1.5 s for 10 minutes
		clk.Set(t0.Add(time.Duration(i) * 1500 * time.Millisecond))
		if ok, _ := l.Allow("ip"); ok {
			accepted = append(accepted, clk.Now())
		}
	}
	for i := range accepted {
		n := 0
		for _, t := range accepted[i:] {
			if t.Sub(accepted[i]) < time.Minute {
				n++
			}
		}
		require.LessOrEqual(t, n, 20, "window starting at %s", accepted[i].Sub(t0))
	}
	assert.Equal(t, 200, len(accepted), "20 per minute for 10 minutes")
}

func TestWindowLimiterOffResetAndSweep(t *testing.T) {
	clk := clock.New()
	clk.Set(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	off := NewWindowLimiter(clk, 1, time.Minute, false)
	for range 5 {
		assert.True(t, mustAllow(off, "k"))
	}
	l := NewWindowLimiter(clk, 1, time.Minute, true)
	assert.True(t, mustAllow(l, "k"))
	assert.False(t, mustAllow(l, "k"))
	l.Reset()
	assert.True(t, mustAllow(l, "k"), "reset forgets the window")

	// Clock set back: the counted call is in the future and no longer counts.
	clk.Advance(-time.Hour)
	assert.True(t, mustAllow(l, "k"))

	for i := range sweepEvery {
		mustAllow(l, fmt.Sprint("ip-", i))
	}
	clk.Advance(2 * time.Minute)
	for i := range sweepEvery {
		mustAllow(l, fmt.Sprint("later-", i))
	}
	assert.LessOrEqual(t, l.Len(), sweepEvery+1, "idle keys are swept")
}

func mustAllow(l RateLimiter, key string) bool {
	ok, _ := l.Allow(key)
	return ok
}
