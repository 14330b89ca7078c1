package clock

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestControllable(t *testing.T) {
	base := time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)
	real := base
	c := NewWith(func() time.Time { return real })
	assert.Equal(t, base, c.Now())
	assert.False(t, c.Frozen())

	c.Advance(time.Minute)
	assert.Equal(t, base.Add(time.Minute), c.Now())
	real = real.Add(time.Second)
	assert.Equal(t, base.Add(time.Minute+time.Second), c.Now(), "offset clock follows real time")

	at := time.Date(2013, 5, 28, 16, 31, 20, 0, time.UTC)
	c.Set(at)
	assert.True(t, c.Frozen())
	real = real.Add(time.Hour)
	assert.Equal(t, at, c.Now(), "frozen clock stands still")
	c.Advance(6 * time.Minute)
	assert.Equal(t, at.Add(6*time.Minute), c.Now())

	c.Resume()
	assert.False(t, c.Frozen())
	assert.Equal(t, real, c.Now())
}
