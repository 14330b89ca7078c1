package gempay

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

// bearer returns the token of "Authorization: Bearer <token>"; false when the
// header is absent, of another scheme, or empty.
func bearer(r *http.Request) (string, bool) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// checkIP applies the account's whitelist: an account with no IP yet gets
// "IP belum di whitelist" (noIP), one whose IPs do not include the caller gets
// "IP address not authorized" (notAuthorized) (spec §5).
func checkIP(r *http.Request, u store.GempayUser, noIP, notAuthorized msg) *refusal {
	ip := handlers.ClientIP(r)
	if len(u.IPs) == 0 {
		return handlers.Refuse(noIP, fmt.Sprintf("account %s has no whitelisted IP yet; the caller is %s", u.Name, ipText(ip.String())))
	}
	if !guard.ContainsAddr(u.IPs, ip) {
		registered := make([]string, len(u.IPs))
		for i, p := range u.IPs {
			registered[i] = p.String()
		}
		return handlers.Refuse(notAuthorized, fmt.Sprintf("caller %s is not among the registered IPs of account %s (%s)", ipText(ip.String()), u.Name, strings.Join(registered, ", ")))
	}
	return nil
}

func ipText(s string) string {
	if s == "invalid IP" {
		return "an unparseable address"
	}
	return s
}

// allow takes a token from lim for key; when none is left it refuses with m
// (429) and Retry-After in whole seconds.
func allow(lim *guard.Limiter, key string, m msg, what string) *refusal {
	ok, wait := lim.Allow(key)
	if ok {
		return nil
	}
	secs := int((wait + time.Second - 1) / time.Second)
	rf := handlers.Refuse(m, fmt.Sprintf("%s exceeded; next request allowed in %d s", what, secs))
	rf.Header = http.Header{"Retry-After": {strconv.Itoa(secs)}}
	return rf
}

// parseRequestTime reads X-Request-Time: Unix seconds (at most 10 digits, so a
// millisecond value is refused as a format error rather than read as the far
// future) or RFC 3339.
func parseRequestTime(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	if len(v) <= 10 && strings.Trim(v, "0123456789") == "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0), true
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}
