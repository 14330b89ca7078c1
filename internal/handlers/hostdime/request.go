package hostdime

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// route is what the URL path says: the dotted method and the format extension.
type route struct {
	method string
	ext    string
}

func (r route) formatOK() bool { return r.ext == fmtJSON || r.ext == fmtXML || r.ext == fmtYAML }

// outFormat is the format errors are written in: the one asked for when it is
// supported, JSON otherwise.
func (r route) outFormat() string {
	if r.formatOK() {
		return r.ext
	}
	return fmtJSON
}

// parsePath turns "/v1/server/power/cycle.json" into server.power.cycle and
// json. Repeated slashes collapse (the JS and WHMCS clients send "/v1//…" when
// their endpoint ends in a slash) and a missing "/v1" is tolerated (the JS
// client with a bare host), as spec §3 proposes.
func parsePath(p string) route {
	var segs []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) > 0 && segs[0] == "v1" {
		segs = segs[1:]
	}
	if len(segs) == 0 {
		return route{}
	}
	last := segs[len(segs)-1]
	var rt route
	if i := strings.LastIndexByte(last, '.'); i >= 0 {
		rt.ext = last[i+1:]
		segs[len(segs)-1] = last[:i]
	}
	rt.method = strings.Join(segs, ".")
	return rt
}

func readAll(r *http.Request) (string, error) {
	if r.Body == nil {
		return "", nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return "", fmt.Errorf("hostdime: read body: %w", err)
	}
	return string(b), nil
}

// parseForm splits an application/x-www-form-urlencoded body itself, keeping
// the field order the hash depends on (url.ParseQuery loses it).
func parseForm(body string) [][2]string {
	var out [][2]string
	for _, part := range strings.Split(body, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k = formDecode(k)
		if k == "" {
			continue
		}
		out = append(out, [2]string{k, formDecode(v)})
	}
	return out
}

// formDecode undoes form encoding the way PHP's urldecode does (Go's
// QueryUnescape would refuse a whole body over one stray "%").
func formDecode(s string) string { return verify.PHPURLDecode(s) }

// lastValues is the form as PHP's $_POST sees it: the last value of each name.
func lastValues(pairs [][2]string) map[string]string {
	m := make(map[string]string, len(pairs))
	for _, p := range pairs {
		m[p[0]] = p[1]
	}
	return m
}

// validCallback checks a JSONP callback name against spec §7.3, so nothing but
// an identifier path is ever written before the "(".
func validCallback(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '$':
		case i > 0 && (c >= '0' && c <= '9' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// truthy reads the sandbox flag: "true" or "1" (spec §8).
func truthy(s string) bool { return s == "1" || strings.EqualFold(s, "true") }

func missingAuth(params map[string]string) []string {
	var out []string
	for _, k := range []string{"api_key", "api_timestamp", "api_unique", "api_hash"} {
		if params[k] == "" {
			out = append(out, k)
		}
	}
	return out
}

// maxUnique bounds api_unique: the replay cache keeps each one for the
// timestamp window, and wrappers send 36-character UUIDs.
const maxUnique = 128

// authenticate checks key → timestamp → unique → hash (spec §2.6). A used
// api_unique is recorded when it is checked, before the hash: the real
// behaviour is unknown, and every wrapper makes a fresh one per request.
func (p *Provider) authenticate(c *call, key, ts, unique, hash string) *apiError {
	acct, err := p.d.Store.HostdimeAccountByKey(c.ctx, key)
	if err != nil {
		return p.storeErr(c, err, fail(errBadKey, "", fmt.Sprintf("no account has api_key %q", verify.Mask(key))))
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || !allDigits(ts) {
		return fail(errTimestamp, "", fmt.Sprintf("api_timestamp %q is not an integer number of seconds", ts))
	}
	window := p.cfg.TimestampWindow
	switch guard.CheckWindow(c.now, time.Unix(n, 0), window) {
	case guard.TooOld:
		return fail(errTimestamp, "", fmt.Sprintf("api_timestamp %d is %s before the mock clock (%s); the window is +/-%s", n, clock.Human(c.now.Sub(time.Unix(n, 0))), c.now.UTC().Format(time.RFC3339), clock.Human(window)))
	case guard.TooNew:
		return fail(errTimestamp, "", fmt.Sprintf("api_timestamp %d is %s after the mock clock (%s); the window is +/-%s", n, clock.Human(time.Unix(n, 0).Sub(c.now)), c.now.UTC().Format(time.RFC3339), clock.Human(window)))
	}
	if len(unique) > maxUnique { // refused before the replay cache keeps it
		return fail(errInvalidParam, "api_unique", fmt.Sprintf("api_unique is %d bytes long; at most %d are accepted", len(unique), maxUnique))
	}
	if !p.replay.Use(acct.APIKey, unique) {
		return fail(errDuplicate, "", fmt.Sprintf("api_unique %q was already used with this api_key within the last %s", unique, clock.Human(window)))
	}
	res := verify.VerifyHostdime(acct.PrivateKey, verify.HostdimeRequest{Method: c.method, Timestamp: ts, Unique: unique, Params: c.pairs}, hash,
		verify.HostdimeOptions{PHPOnly: p.cfg.StrictHash, CallbackOptional: true})
	if !res.OK {
		return fail(errBadHash, "", res.Explain())
	}
	c.account = acct
	return nil
}

// allDigits is true for a plain decimal number: no sign, space or fraction.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
