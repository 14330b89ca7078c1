package money

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseCents(t *testing.T) {
	for s, want := range map[string]int64{"0": 0, "9": 900, "9.5": 950, "9.05": 905, "1500.26": 150026, "000012.3": 1230} {
		got, err := ParseCents(s)
		assert.NoError(t, err, s)
		assert.Equal(t, want, got, s)
	}
	for _, s := range []string{"", ".5", "9.", "9.505", "-1", "+1", "1e3", "9,50", " 9", "1234567890123"} {
		_, err := ParseCents(s)
		assert.EqualError(t, err, `"`+s+`" is not a non-negative decimal with at most two places`, s)
	}
}
