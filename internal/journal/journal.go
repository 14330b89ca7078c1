// Package journal keeps a bounded in-memory ring of recent exchanges with their
// verdict and explanation, for the admin API and the dashboard. Recording is a
// slice write under a mutex: no I/O on the request path.
package journal

import (
	"fmt"
	"sync"
	"time"
	"unicode/utf8"
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

// Ring is the bounded journal: at most size entries and about maxBytes of
// their text, whichever is reached first; the oldest entries go first.
type Ring struct {
	mu       sync.RWMutex
	entries  []Entry // circular
	start    int     // index of the oldest entry
	n        int     // entries held
	bytes    int64   // sum of entrySize over the entries held
	maxBytes int64
	lastID   int64
}

// DefaultMaxBytes is the byte bound of New.
const DefaultMaxBytes = 16 << 20

// New returns a ring holding at most size entries and DefaultMaxBytes.
func New(size int) *Ring { return NewBounded(size, DefaultMaxBytes) }

// NewBounded returns a ring holding at most size entries and maxBytes of text.
func NewBounded(size int, maxBytes int64) *Ring {
	if size < 1 {
		size = 1
	}
	return &Ring{entries: make([]Entry, size), maxBytes: maxBytes}
}

// MaxText is how much of an explanation, a query string or a header value an
// entry keeps: a refused 1 MiB body must not keep its 1 MiB canonical string.
const MaxText = 4 << 10

// Cut shortens s to max bytes (on a character boundary) and says how much was cut.
func Cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	end := max
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return fmt.Sprintf("%s…[%d more bytes cut]", s[:end], len(s)-end)
}

// entrySize approximates the memory an entry holds, for the byte bound.
func entrySize(e *Entry) int64 {
	n := 256 + len(e.Provider) + len(e.Endpoint) + len(e.Method) + len(e.Path) + len(e.Query) + len(e.ClientIP) +
		len(e.Outcome) + len(e.Reason) + len(e.Explanation) + len(e.RequestBody) + len(e.ResponseBody)
	for k, v := range e.RequestHdr {
		n += 32 + len(k) + len(v)
	}
	return int64(n)
}

// Add records e, assigning its id, and returns the id. Long texts are cut,
// and the oldest entries are dropped to stay within both bounds.
func (r *Ring) Add(e Entry) int64 {
	e.Explanation = Cut(e.Explanation, MaxText)
	e.Query = Cut(e.Query, MaxText)
	e.Path = Cut(e.Path, MaxText)
	for k, v := range e.RequestHdr {
		e.RequestHdr[k] = Cut(v, MaxText)
	}
	size := entrySize(&e)
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.n > 0 && (r.n == len(r.entries) || r.bytes+size > r.maxBytes) {
		r.dropOldest()
	}
	r.lastID++
	e.ID = r.lastID
	r.entries[(r.start+r.n)%len(r.entries)] = e
	r.n++
	r.bytes += size
	return e.ID
}

func (r *Ring) dropOldest() {
	r.bytes -= entrySize(&r.entries[r.start])
	r.entries[r.start] = Entry{}
	r.start = (r.start + 1) % len(r.entries)
	r.n--
}

// Bytes is the approximate memory the entries hold.
func (r *Ring) Bytes() int64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.bytes
}

// each walks entries newest first until fn returns false.
func (r *Ring) each(fn func(*Entry) bool) {
	for i := r.n - 1; i >= 0; i-- {
		if !fn(&r.entries[(r.start+i)%len(r.entries)]) {
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
	r.start, r.n, r.bytes = 0, 0, 0
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
	r.start, r.n, r.bytes = 0, 0, 0
	for i := len(keep) - 1; i >= 0; i-- {
		r.entries[r.n] = keep[i]
		r.n++
		r.bytes += entrySize(&keep[i])
	}
}
