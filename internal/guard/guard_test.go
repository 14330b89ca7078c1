package guard

import (
	"net/http/httptest"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/clock"
)

func prefixes(t *testing.T, s ...string) []netip.Prefix {
	t.Helper()
	var out []netip.Prefix
	for _, x := range s {
		out = append(out, netip.MustParsePrefix(x))
	}
	return out
}

func TestClientIP(t *testing.T) {
	r := NewIPResolver(prefixes(t, "127.0.0.0/8", "10.0.0.0/8"))
	cases := []struct {
		peer, xff, want string
	}{
		{"127.0.0.1:5000", "", "127.0.0.1"},
		{"127.0.0.1:5000", "203.0.113.9", "203.0.113.9"},
		{"127.0.0.1:5000", "198.51.100.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"},
		{"198.51.100.7:5000", "203.0.113.9", "198.51.100.7"}, // untrusted peer: header ignored
		{"127.0.0.1:5000", "garbage", "127.0.0.1"},
		{"[::ffff:127.0.0.1]:80", "", "127.0.0.1"},
		{"10.0.0.1:1", "10.0.0.5", "10.0.0.5"}, // all trusted: left-most
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = c.peer
		if c.xff != "" {
			req.Header.Set("X-Forwarded-For", c.xff)
		}
		assert.Equal(t, c.want, r.ClientIP(req).String(), c.peer+" "+c.xff)
	}
}

func TestContainsAddr(t *testing.T) {
	l := prefixes(t, "203.0.113.7/32", "10.0.0.0/8")
	assert.True(t, ContainsAddr(l, netip.MustParseAddr("203.0.113.7")))
	assert.True(t, ContainsAddr(l, netip.MustParseAddr("10.1.2.3")))
	assert.False(t, ContainsAddr(l, netip.MustParseAddr("203.0.113.8")))
	assert.False(t, ContainsAddr(l, netip.Addr{}))
}

func TestLimiterEdgesByClock(t *testing.T) {
	clk := clock.New()
	clk.Set(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	l := NewLimiter(clk, 20, true)
	for i := 0; i < 20; i++ {
		ok, _ := l.Allow("1.2.3.4")
		assert.True(t, ok, "call %d", i+1)
	}
	ok, wait := l.Allow("1.2.3.4")
	assert.False(t, ok, "21st call")
	assert.Equal(t, 3*time.Second, wait, "one token every 3 s at 20/min")
	ok, _ = l.Allow("5.6.7.8")
	assert.True(t, ok, "other keys unaffected")
	clk.Advance(time.Minute)
	for i := 0; i < 20; i++ {
		ok, _ := l.Allow("1.2.3.4")
		assert.True(t, ok, "after a minute, call %d", i+1)
	}
	l.Reset()
	assert.Equal(t, 0, l.Len())
	off := NewLimiter(clk, 1, false)
	for i := 0; i < 5; i++ {
		ok, _ := off.Allow("k")
		assert.True(t, ok)
	}
}

func TestLimiterSweepsIdleKeys(t *testing.T) {
	clk := clock.New()
	clk.Set(time.Unix(1_700_000_000, 0))
	l := NewLimiter(clk, 10, true)
	for i := 0; i < sweepEvery-1; i++ {
		l.Allow(string(rune('a'+i%26)) + time.Duration(i).String())
	}
	clk.Advance(2 * time.Minute)
	l.Allow("fresh")
	assert.Equal(t, 1, l.Len())
}

func TestCheckWindow(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	w := 300 * time.Second
	assert.Equal(t, InWindow, CheckWindow(now, now.Add(-w), w))
	assert.Equal(t, InWindow, CheckWindow(now, now.Add(w), w))
	assert.Equal(t, TooOld, CheckWindow(now, now.Add(-w-time.Second), w))
	assert.Equal(t, TooNew, CheckWindow(now, now.Add(w+time.Second), w))
}

func TestReplayCache(t *testing.T) {
	clk := clock.New()
	clk.Set(time.Unix(1_000_000, 0))
	c := NewReplayCache(clk, 300*time.Second)
	assert.True(t, c.Use("key", "n1"))
	assert.False(t, c.Use("key", "n1"))
	assert.True(t, c.Use("other", "n1"), "scoped per key")
	clk.Advance(301 * time.Second)
	assert.True(t, c.Use("key", "n1"), "expired after the window")

	var fresh atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c.Use("key", "race") {
				fresh.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(1), fresh.Load())
	c.Reset()
	assert.True(t, c.Use("key", "race"))
}
