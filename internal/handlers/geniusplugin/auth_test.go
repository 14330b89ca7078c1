package geniusplugin_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/geniusplugin"
	"github.com/mocksuite/mocksuite/internal/verify"
)

func TestConnectionPathsHostsAndEncodings(t *testing.T) {
	s := newServer(t, nil)
	pairs := signed(key1, "example.com")
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", pairs))

	moved := noFollow(t, s, http.MethodPost, "/geniusplugin/api/v1/connection", pairs)
	assert.Equal(t, http.StatusMovedPermanently, moved.StatusCode, "without the ending slash")
	assert.Equal(t, s.URL+"/geniusplugin/api/v1/connection/", moved.Header.Get("Location"))

	r := s.PostForm(t, "/api/v1/connection/", pairs, "Host", "www.geniusplugin.com")
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, `{"status":"ok"}`, r.Body, "under the real host")

	r = postMultipart(t, s, "/geniusplugin/api/v1/connection/", pairs)
	assert.Equal(t, `{"status":"ok"}`, r.Body, "multipart/form-data")

	e := lastEntry(t, s)
	assert.Equal(t, "connection", e.Endpoint)
	assert.Equal(t, "ok", e.Outcome)
}

func TestResellerFoundBySourceIP(t *testing.T) {
	s := newServer(t, nil)
	// Each reseller from its own IP.
	assert.Equal(t, `{"status":"OK - 1500.26"}`, post(t, s, "getcredit", signed(key1, "example.com")))
	assert.Equal(t, `{"status":"OK - 10.00"}`, post(t, s, "getcredit", signed(key2, "example.com"), asIP2...))

	// The right key from the wrong IP: the IP decides whose key is tried.
	assert.Equal(t, `{"status":"Invalid hash"}`, post(t, s, "getcredit", signed(key1, "example.com"), asIP2...))
	e := lastEntry(t, s)
	assert.Equal(t, "signature_mismatch", e.Reason)
	assert.Contains(t, e.Explanation, "reseller 2: signature mismatch")
	assert.Equal(t, "203.0.113.9", e.ClientIP)
	assert.Equal(t, `{"status":"Invalid hash"}`, post(t, s, "getcredit", signed(key2, "example.com")))

	// An IP no reseller authorises.
	assert.Equal(t, `{"status":"IP not authorized"}`, post(t, s, "connection", signed(key1, "example.com"), "X-Forwarded-For", "198.51.100.1"))
	e = lastEntry(t, s)
	assert.Equal(t, "ip_not_whitelisted", e.Reason)
	assert.Equal(t, "no reseller has 198.51.100.1 among its authorised IPs", e.Explanation)

	// Packages belong to the reseller: reseller 2 does not see reseller 1's.
	assert.Equal(t, `{"status":"Package not Found!"}`, post(t, s, "list", signed(key2, "example.org"), asIP2...))
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key2, "other.example"), asIP2...))
}

func TestHashIsExact(t *testing.T) {
	s := newServer(t, nil)
	pairs := signed(key1, "example.com")
	upper := [][2]string{pairs[0], {"hash", "X"}, pairs[2]}
	for _, h := range []string{
		"0000000000000000000000000000000000000000",
		verify.SignGeniusplugin(key1, "example.com", "1726354980"), // other timestamp
		verify.SignGeniusplugin(key1, "example.org", ts),           // other domain
	} {
		upper[1][1] = h
		assert.Equal(t, `{"status":"Invalid hash"}`, post(t, s, "connection", upper), h)
	}
	good := pairs[1][1]
	b := []byte(good)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 32
			break
		}
	}
	upper[1][1] = string(b)
	assert.Equal(t, `{"status":"Invalid hash"}`, post(t, s, "connection", upper), "PHP compares case-sensitively")
	assert.Contains(t, lastEntry(t, s).Explanation, "differs only in letter case")
}

func TestMissingData(t *testing.T) {
	s := newServer(t, nil)
	full := signed(key1, "example.org")
	drop := func(names ...string) [][2]string {
		var out [][2]string
	next:
		for _, p := range full {
			for _, n := range names {
				if p[0] == n {
					continue next
				}
			}
			out = append(out, p)
		}
		return out
	}
	cases := []struct {
		endpoint string
		pairs    [][2]string
		want     string
	}{
		{"connection", nil, `{"status":"Request Missing data!"}`},
		{"connection", drop("hash"), `{"status":"Request Missing data! hash"}`},
		{"getcredit", nil, `{"status":"Request Missing data!"}`},
		{"suspended", nil, `{"status":"Request Missing data!"}`},
		{"active", drop("domain"), `{"status":"Request Missing data! domain"}`},
		{"renew", nil, `{"status":"Request Missing data!"}`},
		{"renew", drop("hash"), `{"status":"Request Missing data! hash"}`},
		{"list", drop("timestamp"), `{"status":"Request Missing data! timestamp"}`},
		{"delete", drop("domain", "timestamp"), `{"status":"Request Missing data! domain"}`},
		{"connection", [][2]string{{"domain", ""}, {"hash", ""}, {"timestamp", ""}}, `{"status":"Request Missing data!"}`},
		{"autoregister", signed(key1, "new.example", "password", "x", "uemail", "a@b.example"), `{"status":"Request Missing data! package"}`},
		{"autoregister", signed(key1, "new.example", "package", "10k", "uemail", "a@b.example"), `{"status":"Missing Password"}`},
		{"autoregister", signed(key1, "new.example", "package", "10k", "password", "", "uemail", "a@b.example"), `{"status":"Missing Password"}`},
		{"autoregister", signed(key1, "new.example", "package", "10k", "password", "x"), `{"status":"Request Missing data! uemail"}`},
		{"packageupdate", signed(key1, "example.org", "package", "40k"), `{"status":"Request Missing data! status"}`},
		{"packageupdate", signed(key1, "example.org", "status", "active"), `{"status":"Request Missing data! package"}`},
		{"passwordreset", signed(key1, "example.org"), `{"status":"Missing Password"}`},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, post(t, s, c.endpoint, c.pairs), "%s %v", c.endpoint, c.pairs)
	}
	assert.Equal(t, "missing_param", lastEntry(t, s).Reason)

	// A JSON body is no form: PHP's $_POST is empty.
	r := s.Do(t, http.MethodPost, "/geniusplugin/api/v1/connection/", `{"domain":"example.com"}`, "Content-Type", "application/json")
	assert.Equal(t, `{"status":"Request Missing data!"}`, r.Body)
	// PHP keeps the last of repeated fields.
	pairs := append([][2]string{{"hash", "bad"}}, signed(key1, "example.com")...)
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", pairs))
}

func TestMethodAndEndpoint(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, http.MethodGet, "/geniusplugin/api/v1/connection/", "")
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, `{"status":"Invalid request method"}`, r.Body)
	r = s.Do(t, http.MethodPut, "/geniusplugin/api/v1/getcredit/", "")
	assert.Equal(t, `{"status":"Invalid request method"}`, r.Body)

	assert.Equal(t, `{"status":"Invalid endpoint"}`, post(t, s, "transfer", signed(key1, "example.org")))
	assert.Equal(t, "not_found", lastEntry(t, s).Reason)
	r = s.PostForm(t, "/geniusplugin/api/v2/connection/", signed(key1, "example.org"))
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, `{"status":"Invalid endpoint"}`, r.Body)
	r = s.Do(t, http.MethodGet, "/geniusplugin/", "")
	assert.Equal(t, `{"status":"Invalid endpoint"}`, r.Body)
}

func TestTimestampRules(t *testing.T) {
	s := newServer(t, nil)
	sign := func(key, domain, stamp string) [][2]string {
		return [][2]string{{"domain", domain}, {"hash", verify.SignGeniusplugin(key, domain, stamp)}, {"timestamp", stamp}}
	}
	for _, stamp := range []string{"17263549800", "172635498a", " 172635498"} {
		assert.Equal(t, `{"status":"Invalid timestamp"}`, post(t, s, "connection", sign(key1, "example.com", stamp)), stamp)
	}
	assert.Equal(t, "timestamp_invalid", lastEntry(t, s).Reason)
	// Off by default: any 10 digits pass, however far from now.
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", sign(key1, "example.com", "0000000001")))

	strict := newServer(t, func(c *config.Config) { config.SectionOf[*geniusplugin.Config](c).StrictTimestamp = true })
	now := int64(1726354980)
	strict.SetClock(time.Unix(now, 0))
	assert.Equal(t, `{"status":"ok"}`, post(t, strict, "connection", sign(key1, "example.com", "7126354980")), "a permutation of now")
	assert.Equal(t, `{"status":"ok"}`, post(t, strict, "connection", sign(key1, "example.com", "1726355280")), "now+300 unshuffled")
	assert.Equal(t, `{"status":"Invalid timestamp"}`, post(t, strict, "connection", sign(key1, "example.com", "0000000001")))
	assert.Equal(t, `{"status":"Invalid timestamp"}`, post(t, strict, "connection", sign(key1, "example.com", "1726355999")), "no permutation within 300 s")
	strict.Advance(300 * time.Second)
	assert.Equal(t, `{"status":"ok"}`, post(t, strict, "connection", sign(key1, "example.com", "7126354980")), "300 s later")
	strict.Advance(time.Second)
	assert.Equal(t, `{"status":"Invalid timestamp"}`, post(t, strict, "connection", sign(key1, "example.com", "7126354980")), "301 s later")
	e := lastEntry(t, strict)
	assert.Equal(t, "timestamp_invalid", e.Reason)
	assert.Equal(t, "strict_timestamp: the digits of 7126354980 are no permutation of a Unix time within 5m0s of 1726355281", e.Explanation)
}

func TestRejectReplay(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*geniusplugin.Config](c).RejectReplay = true })
	pairs := signed(key1, "example.com")
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", pairs))
	assert.Equal(t, `{"status":"Duplicate request"}`, post(t, s, "connection", pairs))
	assert.Equal(t, "replay", lastEntry(t, s).Reason)
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", signed(key1, "example.net")), "another domain")
	r := s.Do(t, http.MethodPost, "/__admin/reset?provider=geniusplugin", "")
	require.Equal(t, http.StatusOK, r.Status, r.Body)
	assert.Equal(t, `{"status":"ok"}`, post(t, s, "connection", pairs), "reset forgets")

	off := newServer(t, nil)
	assert.Equal(t, `{"status":"ok"}`, post(t, off, "connection", pairs))
	assert.Equal(t, `{"status":"ok"}`, post(t, off, "connection", pairs), "the real API has no replay protection")
}

func TestOurFailuresUseEndpointStrings(t *testing.T) {
	s := newServer(t, nil)
	require.NoError(t, s.App.Store.Close())
	assert.Equal(t, `{"status":"Connection failed"}`, post(t, s, "getcredit", signed(key1, "example.com")))
	assert.Equal(t, "internal", lastEntry(t, s).Reason)
	assert.Equal(t, `{"status":"Error"}`, post(t, s, "list", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"Error deleting example.org"}`, post(t, s, "delete", signed(key1, "example.org")))
	assert.Equal(t, `{"status":"Error deleting a\/b.example"}`, post(t, s, "delete", signed(key1, "a/b.example")), "escaped as json_encode does")
}

func TestBodyTooLarge(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.BodyLimit = 1024 })
	pairs := signed(key1, "example.com", "pad", string(make([]byte, 2000)))
	r := s.PostForm(t, "/geniusplugin/api/v1/connection/", pairs)
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, `{"status":"Request Missing data!"}`, r.Body)
}
