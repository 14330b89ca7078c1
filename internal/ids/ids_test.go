package ids

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSeededIsDeterministic(t *testing.T) {
	a, b := New(42), New(42)
	assert.Equal(t, a.Hex(40), b.Hex(40))
	assert.Equal(t, a.String(9, UpperAlnum), b.String(9, UpperAlnum))
	assert.Equal(t, a.IntN(1000), b.IntN(1000))
	c := New(43)
	assert.NotEqual(t, New(42).Hex(40), c.Hex(40))
	a.Reseed(42)
	assert.Equal(t, New(42).Hex(40), a.Hex(40))
}

func TestUnseededShape(t *testing.T) {
	s := New(0)
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{40}$`), s.Hex(40))
	assert.Regexp(t, regexp.MustCompile(`^[A-Z0-9]{9}$`), s.String(9, UpperAlnum))
	assert.NotEqual(t, s.Hex(32), s.Hex(32))
}
