// Package clock holds the one time source every time rule of the mock reads:
// timestamp windows, rate limiters, replay caches and async state changes.
// Tests and the admin API freeze and advance it so that no test sleeps.
package clock

import (
	"sync"
	"time"
)

// Clock tells the current mock time.
type Clock interface {
	Now() time.Time
}

// Controllable is a Clock that follows real time shifted by an offset, or stands
// still at a frozen instant. The zero value is not usable; call New.
type Controllable struct {
	mu     sync.RWMutex
	real   func() time.Time
	offset time.Duration
	frozen bool
	at     time.Time
}

// New returns a clock that follows real time until it is frozen or advanced.
func New() *Controllable { return NewWith(time.Now) }

// NewWith returns a clock over a given real time source (for tests of the clock itself).
func NewWith(real func() time.Time) *Controllable { return &Controllable{real: real} }

// Now returns the mock time.
func (c *Controllable) Now() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.frozen {
		return c.at
	}
	return c.real().Add(c.offset)
}

// Set freezes the clock at t.
func (c *Controllable) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.at = true, t
}

// Advance moves the mock clock forward by d, frozen or not.
func (c *Controllable) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.at = c.at.Add(d)
		return
	}
	c.offset += d
}

// Resume returns the clock to real time.
func (c *Controllable) Resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.offset, c.at = false, 0, time.Time{}
}

// Frozen reports whether the clock stands still.
func (c *Controllable) Frozen() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.frozen
}

// Offset is how far the mock time is ahead of real time now (negative when
// behind): the advance of a running clock, or where a frozen one stands.
func (c *Controllable) Offset() time.Duration {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.frozen {
		return c.at.Sub(c.real())
	}
	return c.offset
}
