// Package journal keeps a bounded in-memory ring of recent exchanges with their
// verdict and explanation, for the admin API and the dashboard. Recording is a
// slice write under a mutex: no I/O on the request path.
package journal

import (
	"sync"
	"time"
)

// Outcomes of an exchange.
const (
	OutcomeOK       = "ok"
	OutcomeRejected = "rejected"
	OutcomeError    = "error"
	OutcomeFault    = "fault"
	OutcomeOverride = "override"
)

// MaxBody is how much of each body an entry keeps.
const MaxBody = 4 << 10

// Entry is one recorded exchange.
type Entry struct {
	ID           int64             `json:"id"`
	Time         time.Time         `json:"time"`
	Provider     string            `json:"provider"`
	Endpoint     string            `json:"endpoint"`
	Method       string            `json:"method"`
	Path         string            `json:"path"`
	Query        string            `json:"query,omitempty"`
	ClientIP     string            `json:"client_ip"`
	Status       int               `json:"status"`
	Outcome      string            `json:"outcome"`
	Reason       string            `json:"reason,omitempty"`
	Explanation  string            `json:"explanation,omitempty"`
	DurationMS   float64           `json:"duration_ms"`
	RequestHdr   map[string]string `json:"request_headers,omitempty"`
	RequestBody  string            `json:"request_body,omitempty"`
	ResponseBody string            `json:"response_body,omitempty"`
	// OverrideID is the response override that answered (outcome override).
	OverrideID int64 `json:"override_id,omitempty"`
}

// Filter selects entries; empty fields match everything.
type Filter struct {
	Provider string
	Endpoint string
	Outcome  string
	Limit    int
}

func (f Filter) match(e *Entry) bool {
	return (f.Provider == "" || f.Provider == e.Provider) &&
		(f.Endpoint == "" || f.Endpoint == e.Endpoint) &&
		(f.Outcome == "" || f.Outcome == e.Outcome)
}

// Ring is the bounded journal.
type Ring struct {
	mu      sync.RWMutex
	entries []Entry // circular, len == cap once full
	next    int     // index the next entry goes to
	full    bool
	lastID  int64
}

// New returns a ring holding at most size entries.
func New(size int) *Ring {
	if size < 1 {
		size = 1
	}
	return &Ring{entries: make([]Entry, size)}
}

// Add records e, assigning its id, and returns the id.
func (r *Ring) Add(e Entry) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lastID++
	e.ID = r.lastID
	r.entries[r.next] = e
	r.next++
	if r.next == len(r.entries) {
		r.next, r.full = 0, true
	}
	return e.ID
}

// each walks entries newest first until fn returns false.
func (r *Ring) each(fn func(*Entry) bool) {
	n := r.next
	if r.full {
		n = len(r.entries)
	}
	for i := 0; i < n; i++ {
		idx := (r.next - 1 - i + len(r.entries)) % len(r.entries)
		if !fn(&r.entries[idx]) {
			return
		}
	}
}

// List returns matching entries, newest first.
func (r *Ring) List(f Filter) []Entry {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := []Entry{}
	r.each(func(e *Entry) bool {
		if f.match(e) {
			out = append(out, *e)
		}
		return f.Limit <= 0 || len(out) < f.Limit
	})
	return out
}

// Count returns how many entries match.
func (r *Ring) Count(f Filter) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	n := 0
	r.each(func(e *Entry) bool {
		if f.match(e) {
			n++
		}
		return true
	})
	return n
}

// Get returns the entry with id, if it is still in the ring.
func (r *Ring) Get(id int64) (Entry, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var found Entry
	ok := false
	r.each(func(e *Entry) bool {
		if e.ID == id {
			found, ok = *e, true
			return false
		}
		return e.ID > id
	})
	return found, ok
}

// Clear forgets every entry (ids keep counting up).
func (r *Ring) Clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	clear(r.entries)
	r.next, r.full = 0, false
}

// Truncate cuts a body to MaxBody bytes, marking the cut.
func Truncate(b []byte) string {
	if len(b) <= MaxBody {
		return string(b)
	}
	return string(b[:MaxBody]) + "…[truncated]"
}

// ClearProvider forgets one provider's entries, keeping the others in order.
func (r *Ring) ClearProvider(provider string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var keep []Entry
	r.each(func(e *Entry) bool {
		if e.Provider != provider {
			keep = append(keep, *e)
		}
		return true
	})
	clear(r.entries)
	r.next, r.full = 0, false
	for i := len(keep) - 1; i >= 0; i-- {
		r.entries[r.next] = keep[i]
		r.next++
	}
	if r.next == len(r.entries) {
		r.next, r.full = 0, true
	}
}
