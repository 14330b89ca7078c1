package geniusplugin_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/verify"
)

func link(dash, key, domain string) string {
	q := url.Values{"domain": {domain}, "hash": {verify.SignGeniusplugin(key, domain, ts)}, "timestamp": {ts}}
	return "/geniusplugin/autologin/" + dash + "?" + q.Encode()
}

// getNoFollow sends a GET without following redirects (apptest's client follows them).
func getNoFollow(t *testing.T, s *apptest.Server, path string, host string) apptest.Response {
	t.Helper()
	return s.NoFollow().Do(t, http.MethodGet, path, "", "Host", host)
}

func TestAutologinClient(t *testing.T) {
	s := newServer(t, nil)
	// Links are followed by browsers from anywhere: the key, not the IP, decides.
	r := getNoFollow(t, s, link("client", key2, "other.example"), "")
	require.Equal(t, http.StatusFound, r.Status, r.Body)
	loc := r.Header.Get("Location")
	assert.Equal(t, s.URL+"/geniusplugin/dashboard/client?domain=other.example&reseller=2", loc)

	r = s.Do(t, http.MethodGet, strings.TrimPrefix(loc, s.URL), "")
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "text/html; charset=utf-8", r.Header.Get("Content-Type"))
	assert.Equal(t, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GeniusPlugin mock: Client dashboard</title></head>
<body>
<h1>GeniusPlugin mock: Client dashboard</h1>
<p>This page of the mock stands for the GeniusPlugin Client dashboard.</p>
<p>Reseller: Second Reseller (#2)</p>
<table>
<tr><th>Domain</th><th>Package</th><th>Status</th><th>E-mail</th><th>Expires</th></tr>
<tr><td>other.example</td><td>10k</td><td>active</td><td>owner@other.example</td><td>2030-01-01</td></tr>
</table>
</body></html>
`, r.Body)

	// Under the real host the link stays on it.
	r = getNoFollow(t, s, strings.TrimPrefix(link("client", key1, "example.org"), "/geniusplugin"), "www.geniusplugin.com")
	assert.Equal(t, http.StatusFound, r.Status)
	assert.Equal(t, "http://www.geniusplugin.com/dashboard/client?domain=example.org&reseller=1", r.Header.Get("Location"))
}

func TestAutologinAdminAndAccount(t *testing.T) {
	s := newServer(t, nil)
	r := getNoFollow(t, s, link("admin", key1, "example.com"), "")
	require.Equal(t, http.StatusFound, r.Status)
	assert.Equal(t, s.URL+"/geniusplugin/dashboard/admin?reseller=1", r.Header.Get("Location"))
	r = s.Do(t, http.MethodGet, "/geniusplugin/dashboard/admin?reseller=1", "")
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Contains(t, r.Body, "<h1>GeniusPlugin mock: Reseller admin dashboard</h1>\n")
	assert.Contains(t, r.Body, "<p>Reseller: Test Reseller (#1)</p>\n<p>Credit: 1500.26</p>\n")
	assert.Contains(t, r.Body, "<tr><td>example.org</td><td>20k</td><td>active</td>")
	assert.Contains(t, r.Body, "<tr><td>paused.example.org</td><td>10k</td><td>suspended</td>")

	r = getNoFollow(t, s, link("account", key2, "example.com"), "")
	require.Equal(t, http.StatusFound, r.Status)
	r = s.Do(t, http.MethodGet, strings.TrimPrefix(r.Header.Get("Location"), s.URL), "")
	assert.Contains(t, r.Body, "<h1>GeniusPlugin mock: Reseller admin&#39;s GP account</h1>\n")
	assert.Contains(t, r.Body, "<p>Reseller: Second Reseller (#2)</p>\n<p>Credit: 10.00</p>\n")
	assert.NotContains(t, r.Body, "<table>")
}

func TestAutologinRefusals(t *testing.T) {
	s := newServer(t, nil)
	cases := []struct {
		path   string
		status int
		title  string
	}{
		{"/geniusplugin/autologin/client?domain=example.org&hash=0000&timestamp=" + ts, http.StatusForbidden, "Invalid hash"},
		{"/geniusplugin/autologin/client?domain=example.org&timestamp=" + ts, http.StatusBadRequest, "Request Missing data! hash"},
		{"/geniusplugin/autologin/client", http.StatusBadRequest, "Request Missing data!"},
		{"/geniusplugin/autologin/client?domain=x&hash=y&timestamp=12345678901", http.StatusForbidden, "Invalid timestamp"},
		{link("client", key1, "nothing.example"), http.StatusNotFound, "Package not found!"},
		{link("client", key2, "example.org"), http.StatusNotFound, "Package not found!"},
		{link("billing", key1, "example.org"), http.StatusNotFound, "Unknown dashboard"},
		{"/geniusplugin/dashboard/admin?reseller=99", http.StatusNotFound, "Unknown reseller"},
		{"/geniusplugin/dashboard/admin?reseller=x", http.StatusNotFound, "Unknown reseller"},
		{"/geniusplugin/dashboard/client?reseller=1&domain=other.example", http.StatusNotFound, "Package not found!"},
		{"/geniusplugin/dashboard/root?reseller=1", http.StatusNotFound, "Unknown dashboard"},
	}
	for _, c := range cases {
		r := s.Do(t, http.MethodGet, c.path, "")
		assert.Equal(t, c.status, r.Status, c.path)
		assert.Contains(t, r.Body, "<h1>"+c.title+"</h1>", c.path)
	}
}
