// Package guard holds the request checks that several providers share: client
// IP resolution, IP/CIDR allow-lists, clock-driven rate limiters, timestamp
// windows and replay caches. Guards return verdicts; each provider maps them to
// its own documented messages.
package guard

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// IPResolver finds the client IP of a request: the TCP peer, or the left-most
// untrusted address of X-Forwarded-For when the peer is a trusted proxy.
type IPResolver struct {
	trusted []netip.Prefix
}

// NewIPResolver trusts X-Forwarded-For only from peers inside trusted.
func NewIPResolver(trusted []netip.Prefix) *IPResolver { return &IPResolver{trusted: trusted} }

// ClientIP returns the caller's address, or the zero Addr when none can be parsed.
func (r *IPResolver) ClientIP(req *http.Request) netip.Addr {
	peer := parseHostPort(req.RemoteAddr)
	if !peer.IsValid() || !r.isTrusted(peer) {
		return peer
	}
	xff := req.Header.Values("X-Forwarded-For")
	if len(xff) == 0 {
		return peer
	}
	// Walk from the right: each hop appended the address it saw; the first
	// address that is not one of our trusted proxies is the client.
	hops := strings.Split(strings.Join(xff, ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer
		}
		a = a.Unmap()
		if !r.isTrusted(a) || i == 0 {
			return a
		}
	}
	return peer
}

func (r *IPResolver) isTrusted(a netip.Addr) bool { return ContainsAddr(r.trusted, a) }

func parseHostPort(s string) netip.Addr {
	host, _, err := net.SplitHostPort(s)
	if err != nil {
		host = s
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

// ContainsAddr reports whether a lies in any of the prefixes.
func ContainsAddr(list []netip.Prefix, a netip.Addr) bool {
	if !a.IsValid() {
		return false
	}
	a = a.Unmap()
	for _, p := range list {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
