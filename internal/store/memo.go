package store

import (
	"context"
	"sync"
)

// memoLimit bounds each memo: keys come from requests (API keys, client IPs),
// so a flood of distinct ones must not grow memory. Only found rows are kept;
// past the limit the memo starts over, which costs misses, never answers.
const memoLimit = 4096

// memo keeps values read from some tables, keyed by the read's arguments, and
// serves them while those tables' version is unchanged (see versions.go).
// Values must be treated as read-only by callers; the read functions that use
// a memo hand out copies of anything mutable.
type memo[V any] struct {
	v      *versions
	tables []string

	mu sync.RWMutex
	m  map[string]memoEntry[V]
}

type memoEntry[V any] struct {
	version uint64
	val     V
}

func newMemo[V any](v *versions, tables ...string) *memo[V] {
	return &memo[V]{v: v, tables: tables, m: map[string]memoEntry[V]{}}
}

// get returns the value for key, loading it when absent or stale. The version
// is read before the load, so a write that lands during the load retires what
// it stored.
func (m *memo[V]) get(ctx context.Context, key string, load func(context.Context) (V, error)) (V, error) {
	ver := m.v.of(m.tables...)
	m.mu.RLock()
	e, ok := m.m[key]
	m.mu.RUnlock()
	if ok && e.version == ver {
		return e.val, nil
	}
	val, err := load(ctx)
	if err != nil {
		return val, err
	}
	m.mu.Lock()
	if len(m.m) >= memoLimit {
		clear(m.m)
	}
	m.m[key] = memoEntry[V]{version: ver, val: val}
	m.mu.Unlock()
	return val, nil
}

// len reports how many keys are kept (for tests).
func (m *memo[V]) len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.m)
}
