package guard

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/clock"
)

func TestCachesOfClientKeysAreBounded(t *testing.T) {
	clk := clock.New()
	clk.Set(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	l := NewLimiter(clk, 10, true)
	for i := 0; i < maxLimiterKeys+10; i++ {
		l.Allow(fmt.Sprintf("203.%d.%d.%d", i/65536, i/256%256, i%256))
	}
	assert.LessOrEqual(t, l.Len(), maxLimiterKeys, "a flood of distinct keys within a minute stays bounded")

	wl := NewWindowLimiter(clk, 10, time.Minute, true)
	for i := 0; i < maxLimiterKeys+10; i++ {
		wl.Allow(fmt.Sprintf("203.%d.%d.%d", i/65536, i/256%256, i%256))
	}
	wl.mu.Lock()
	assert.LessOrEqual(t, len(wl.keys), maxLimiterKeys, "the window limiter too")
	wl.mu.Unlock()

	c := NewReplayCache(clk, 5*time.Minute)
	for i := 0; i < maxReplayKeys+10; i++ {
		require.True(t, c.Use("foobar", strconv.Itoa(i)))
	}
	c.mu.Lock()
	n := len(c.seen)
	c.mu.Unlock()
	assert.LessOrEqual(t, n, maxReplayKeys)

	long := strings.Repeat("u", 1<<20)
	require.True(t, c.Use("foobar", long))
	assert.False(t, c.Use("foobar", long), "a long nonce is still refused when replayed")
	c.mu.Lock()
	for k := range c.seen {
		assert.LessOrEqual(t, len(k), maxKeyLen)
	}
	c.mu.Unlock()
	l.Allow(long)
	l.mu.Lock()
	for k := range l.buckets {
		assert.LessOrEqual(t, len(k), maxKeyLen)
	}
	l.mu.Unlock()
}
