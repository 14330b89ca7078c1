package guard

import (
	"fmt"
	"net/netip"
	"strings"
)

// ParsePrefix reads a CIDR prefix or a single address ("10.0.0.0/8",
// "203.0.113.7", "::1") as an allow-list entry: a prefix is masked, an
// address becomes a full-length prefix, an IPv4-mapped IPv6 address its IPv4
// form, so that entries compare equal however they were written.
func ParsePrefix(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not an IP or CIDR", s)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP or CIDR", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// ParsePrefixes reads a list of ParsePrefix entries; the error names the first bad one.
func ParsePrefixes(list []string) ([]netip.Prefix, error) {
	out := make([]netip.Prefix, 0, len(list))
	for _, s := range list {
		p, err := ParsePrefix(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
