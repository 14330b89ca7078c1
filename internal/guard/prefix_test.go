package guard

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePrefixes(t *testing.T) {
	got, err := ParsePrefixes([]string{" 10.1.2.3/8 ", "203.0.113.7", "::ffff:192.0.2.1", "2001:db8::1/32", "::1"})
	require.NoError(t, err)
	assert.Equal(t, []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("203.0.113.7/32"),
		netip.MustParsePrefix("192.0.2.1/32"),
		netip.MustParsePrefix("2001:db8::/32"),
		netip.MustParsePrefix("::1/128"),
	}, got)
	for _, bad := range []string{"bogus", "10.0.0.0/33", "300.1.1.1", ""} {
		_, err := ParsePrefixes([]string{"127.0.0.1", bad})
		assert.EqualError(t, err, `"`+bad+`" is not an IP or CIDR`, bad)
	}
	got, err = ParsePrefixes(nil)
	require.NoError(t, err)
	assert.Empty(t, got)
}
