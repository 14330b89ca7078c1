package clock

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestHuman(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{500 * time.Microsecond, "<1ms"},
		{250 * time.Millisecond, "250ms"},
		{1500 * time.Millisecond, "1s 500ms"},
		{5 * time.Minute, "5m"},
		{6*time.Minute + time.Second, "6m 1s"},
		{90 * time.Second, "1m 30s"},
		{time.Hour + 5*time.Second, "1h"},
		{26 * time.Hour, "1d 2h"},
		{(3*365 + 87) * 24 * time.Hour, "3y 87d"},
		{118460*time.Hour + 50*time.Minute + 43237046267, "13y 190d"},
		{-(6*time.Minute + time.Second), "-6m 1s"},
		{math.MinInt64, "-292y 171d"},
	} {
		assert.Equal(t, c.want, Human(c.d), c.d.String())
	}
}

func TestOffset(t *testing.T) {
	real := time.Date(2024, 9, 14, 23, 0, 0, 0, time.UTC)
	c := NewWith(func() time.Time { return real })
	assert.Equal(t, time.Duration(0), c.Offset())
	c.Advance(5 * time.Minute)
	assert.Equal(t, 5*time.Minute, c.Offset())
	c.Set(real.Add(-time.Hour))
	assert.Equal(t, -time.Hour, c.Offset())
	c.Resume()
	assert.Equal(t, time.Duration(0), c.Offset())
}
