// Package ids generates the ids, tokens and random numbers the emulators hand
// out. With a seed the sequence is deterministic for a given call order, so a
// test can pin generated values; without one it draws from crypto/rand.
package ids

import (
	crand "crypto/rand"
	"encoding/binary"
	"math/rand/v2"
	"sync"
)

// Source is a concurrency-safe generator.
type Source struct {
	mu  sync.Mutex
	rng *rand.Rand
}

// New returns a Source; seed 0 means unpredictable.
func New(seed int64) *Source { return NewAt(seed, 0) }

// NewAt returns a seeded Source on its epoch-th sequence: epoch 0 is the one
// New and Reseed give; a server restarted on a stored database uses the count
// of earlier starts, so ids it generates never repeat the stored ones, while
// each (seed, epoch) stays reproducible. The epoch means nothing without a seed.
func NewAt(seed int64, epoch uint64) *Source {
	var key [32]byte
	if seed == 0 {
		if _, err := crand.Read(key[:]); err != nil {
			panic("ids: crypto/rand failed: " + err.Error()) // the OS has no entropy: nothing sensible to do
		}
	} else {
		binary.LittleEndian.PutUint64(key[:8], uint64(seed))
		binary.LittleEndian.PutUint64(key[8:16], epoch)
	}
	return &Source{rng: rand.New(rand.NewChaCha8(key))}
}

// Reseed restarts the sequence (used by admin reset so a seeded run repeats).
func (s *Source) Reseed(seed int64) {
	fresh := New(seed)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rng = fresh.rng
}

// IntN returns a number in [0, n).
func (s *Source) IntN(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rng.IntN(n)
}

// String returns n characters drawn from alphabet.
func (s *Source) String(n int, alphabet string) string {
	b := make([]byte, n)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range b {
		b[i] = alphabet[s.rng.IntN(len(alphabet))]
	}
	return string(b)
}

// Common alphabets.
const (
	LowerHex   = "0123456789abcdef"
	UpperHex   = "0123456789ABCDEF"
	UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	Digits     = "0123456789"
)

// Hex returns n lower-case hex characters.
func (s *Source) Hex(n int) string { return s.String(n, LowerHex) }
