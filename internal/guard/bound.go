package guard

import (
	"crypto/sha256"
	"encoding/hex"
)

// Caches keyed by client input hold at most these many keys, each at most
// maxKeyLen bytes, so no stream of distinct keys grows memory without end.
const (
	maxLimiterKeys = 1 << 16
	maxReplayKeys  = 1 << 17
	maxKeyLen      = 256
)

// boundKey keeps short keys as they are and stores a long one as its SHA-256:
// the same client value still maps to the same key.
func boundKey(k string) string {
	if len(k) <= maxKeyLen {
		return k
	}
	sum := sha256.Sum256([]byte(k))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// shrink drops keys until m holds at most half of max: called when a cache is
// full after dropping what had expired. Dropped limiter buckets start full
// again and dropped nonces could be replayed: only a flood of distinct keys
// reaches this, and then bounded memory matters more.
func shrink[V any](m map[string]V, max int) {
	for k := range m {
		if len(m) <= max/2 {
			return
		}
		delete(m, k)
	}
}
