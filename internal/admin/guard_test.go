package admin

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type guarded struct {
	*httptest.Server
	client *http.Client
	hits   int
}

// newGuarded serves the guard in front of a handler that answers 200 "passed".
func newGuarded(t *testing.T, cfg GuardConfig) *guarded {
	t.Helper()
	g := &guarded{client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	g.Server = httptest.NewServer(Guard(cfg, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.hits++
		_, _ = io.WriteString(w, "passed")
	})))
	t.Cleanup(g.Close)
	return g
}

type answer struct {
	status    int
	body, loc string
	cookie    *http.Cookie
}

func (g *guarded) call(t *testing.T, method, path, body string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, g.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if body == "" {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := g.client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	a := answer{status: res.StatusCode, body: string(b), loc: res.Header.Get("Location")}
	for _, c := range res.Cookies() {
		if c.Name == TokenCookie {
			a.cookie = c
		}
	}
	return a
}

func TestGuardTokenRequired(t *testing.T) {
	g := newGuarded(t, GuardConfig{Token: "s3cret-admin-token", ListenAddr: "127.0.0.1:8080"})
	const refused = "{\"error\":\"admin token required\"}\n"
	for _, c := range []struct{ method, path, body, auth string }{
		{"GET", "/__admin/zipay/accounts", "", ""},
		{"GET", "/__admin/requests", "", "Bearer wrong-token"},
		{"GET", "/__admin/requests", "", "Bearer s3cret-admin-tokenX"},
		{"GET", "/__admin/requests", "", "Basic czNjcmV0LWFkbWluLXRva2Vu"},
		{"POST", "/__admin/reset", "", "s3cret-admin-token"},
		{"POST", "/__admin/clock", `{"advance":"1m"}`, ""},
		{"DELETE", "/__admin/requests", "", ""},
		{"POST", "/__admin/health", "", ""},
	} {
		h := []string{"Content-Type", "application/json"}
		if c.auth != "" {
			h = append(h, "Authorization", c.auth)
		}
		a := g.call(t, c.method, c.path, c.body, h...)
		assert.Equal(t, http.StatusUnauthorized, a.status, c)
		assert.Equal(t, refused, a.body, c)
	}
	assert.Zero(t, g.hits, "nothing reached the control plane")

	a := g.call(t, "GET", "/__admin/health", "")
	assert.Equal(t, answer{status: 200, body: "passed"}, a, "health stays open for container checks")
	a = g.call(t, "GET", "/__admin/zipay/accounts", "", "Authorization", "Bearer s3cret-admin-token")
	assert.Equal(t, "passed", a.body)
	a = g.call(t, "POST", "/__admin/reset", "", "Authorization", "bearer s3cret-admin-token")
	assert.Equal(t, "passed", a.body)
}

func TestGuardDashboardLoginCookie(t *testing.T) {
	g := newGuarded(t, GuardConfig{Token: "s3cret-admin-token", ListenAddr: "127.0.0.1:0"})
	a := g.call(t, "GET", "/__admin/ui/requests?provider=zipay", "")
	assert.Equal(t, http.StatusSeeOther, a.status)
	assert.Equal(t, "/__admin/ui/login?back=%2F__admin%2Fui%2Frequests%3Fprovider%3Dzipay", a.loc)

	a = g.call(t, "GET", a.loc, "")
	require.Equal(t, 200, a.status)
	assert.Contains(t, a.body, `<input type="hidden" name="back" value="/__admin/ui/requests?provider=zipay">`)
	assert.Contains(t, a.body, `<input type="password" name="token" id="token"`)
	assert.NotContains(t, a.body, "login-failed")

	form := func(tok, back string) string { return url.Values{"token": {tok}, "back": {back}}.Encode() }
	ct := []string{"Content-Type", "application/x-www-form-urlencoded"}
	a = g.call(t, "POST", "/__admin/ui/login", form("nope", "/__admin/ui/requests"), ct...)
	assert.Equal(t, http.StatusSeeOther, a.status)
	assert.Equal(t, "/__admin/ui/login?failed=1&back=%2F__admin%2Fui%2Frequests", a.loc)
	assert.Nil(t, a.cookie)
	assert.Contains(t, g.call(t, "GET", a.loc, "").body, `id="login-failed"`)

	a = g.call(t, "POST", "/__admin/ui/login", form("s3cret-admin-token", "/__admin/ui/requests"), append(ct, "Origin", "http://evil.example")...)
	assert.Equal(t, http.StatusForbidden, a.status, "a cross-site page cannot log the browser in")
	assert.Nil(t, a.cookie)

	a = g.call(t, "POST", "/__admin/ui/login", form("s3cret-admin-token", "https://evil.example/"), ct...)
	assert.Equal(t, http.StatusSeeOther, a.status)
	assert.Equal(t, "/__admin/ui", a.loc, "the login returns to the dashboard only")
	require.NotNil(t, a.cookie)
	assert.Equal(t, "s3cret-admin-token", a.cookie.Value)
	assert.True(t, a.cookie.HttpOnly)
	assert.Equal(t, http.SameSiteStrictMode, a.cookie.SameSite)
	assert.Equal(t, "/__admin", a.cookie.Path)

	cookie := TokenCookie + "=" + a.cookie.Value
	assert.Equal(t, "passed", g.call(t, "GET", "/__admin/ui/requests", "", "Cookie", cookie).body)
	assert.Equal(t, "passed", g.call(t, "GET", "/__admin/requests", "", "Cookie", cookie).body)
	assert.Equal(t, http.StatusUnauthorized, g.call(t, "GET", "/__admin/requests", "", "Cookie", TokenCookie+"=guess").status)
}

func TestGuardNoTokenNoLogin(t *testing.T) {
	g := newGuarded(t, GuardConfig{ListenAddr: "127.0.0.1:8080"})
	assert.Equal(t, "passed", g.call(t, "GET", "/__admin/zipay/accounts", "").body)
	a := g.call(t, "GET", "/__admin/ui/login", "")
	assert.Equal(t, answer{status: http.StatusSeeOther, loc: "/__admin/ui"}, answer{status: a.status, loc: a.loc})
}

func TestGuardHostAllowList(t *testing.T) {
	g := newGuarded(t, GuardConfig{ListenAddr: "127.0.0.1:8080", Hosts: []string{"mocksuite", " Mock.Internal "}})
	for _, host := range []string{"127.0.0.1:8080", "localhost:8080", "LOCALHOST", "app.localhost:1", "[::1]:8080", "127.0.0.2", "mocksuite:8080", "mock.internal", "mock.internal."} {
		assert.Equal(t, "passed", g.call(t, "GET", "/__admin/zipay/accounts", "", "Host", host).body, host)
	}
	for _, host := range []string{"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "203.0.113.9:8080", "mocksuite.evil.example"} {
		a := g.call(t, "GET", "/__admin/zipay/accounts", "", "Host", host)
		assert.Equal(t, http.StatusForbidden, a.status, host)
		assert.Equal(t, `{"error":"host \"`+host+`\" is not allowed on the control plane: add it to admin_hosts"}`+"\n", a.body, host)
	}
	assert.Equal(t, "passed", g.call(t, "GET", "/__admin/health", "", "Host", "evil.example").body, "health answers any host")

	all := newGuarded(t, GuardConfig{ListenAddr: "0.0.0.0:8080"})
	assert.Equal(t, "passed", all.call(t, "GET", "/__admin/requests", "", "Host", "203.0.113.9:8080").body, "on every interface any IP literal")
	assert.Equal(t, http.StatusForbidden, all.call(t, "GET", "/__admin/requests", "", "Host", "rebind.evil.example:8080").status)
	named := newGuarded(t, GuardConfig{ListenAddr: "mock.lan:8080"})
	assert.Equal(t, "passed", named.call(t, "GET", "/__admin/requests", "", "Host", "mock.lan:8080").body, "the listen address")
}

func TestGuardCrossSiteAndJSONOnly(t *testing.T) {
	g := newGuarded(t, GuardConfig{ListenAddr: "127.0.0.1:8080"})
	host := strings.TrimPrefix(g.URL, "http://")
	for _, c := range []struct {
		name    string
		method  string
		headers []string
		status  int
		body    string
	}{
		{"text/plain from another origin", "POST", []string{"Content-Type", "text/plain", "Origin", "http://evil.example"}, 403,
			`{"error":"cross-site request refused: Origin http://evil.example does not match Host ` + host + `"}`},
		{"JSON from another origin", "POST", []string{"Content-Type", "application/json", "Origin", "http://evil.example"}, 403,
			`{"error":"cross-site request refused: Origin http://evil.example does not match Host ` + host + `"}`},
		{"null origin", "DELETE", []string{"Origin", "null"}, 403,
			`{"error":"cross-site request refused: Origin null does not match Host ` + host + `"}`},
		{"Sec-Fetch-Site cross-site", "POST", []string{"Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"}, 403,
			`{"error":"cross-site request refused (Sec-Fetch-Site: cross-site)"}`},
		{"text/plain same origin", "POST", []string{"Content-Type", "text/plain", "Origin", "http://" + host}, 415,
			`{"error":"Content-Type must be application/json, not \"text/plain\""}`},
		{"form post", "POST", []string{"Content-Type", "application/x-www-form-urlencoded"}, 415,
			`{"error":"Content-Type must be application/json, not \"application/x-www-form-urlencoded\""}`},
		{"multipart", "PATCH", []string{"Content-Type", "multipart/form-data; boundary=x"}, 415,
			`{"error":"Content-Type must be application/json, not \"multipart/form-data; boundary=x\""}`},
		{"JSON same origin", "POST", []string{"Content-Type", "application/json; charset=utf-8", "Origin", "http://" + host, "Sec-Fetch-Site", "same-origin"}, 200, "passed"},
		{"JSON without Origin (curl)", "PATCH", []string{"Content-Type", "application/json"}, 200, "passed"},
	} {
		a := g.call(t, c.method, "/__admin/reset", `{"x":1}`, c.headers...)
		want := c.body
		if c.status != 200 {
			want += "\n"
		}
		assert.Equal(t, answer{status: c.status, body: want}, answer{status: a.status, body: a.body}, c.name)
	}
	assert.Equal(t, "passed", g.call(t, "POST", "/__admin/reset", "").body, "a bodiless POST without Content-Type (curl -X POST)")
	assert.Equal(t, "passed", g.call(t, "GET", "/__admin/requests", "", "Origin", "http://evil.example").body, "reads are not state changes")
	a := g.call(t, "POST", "/__admin/ui/reset", "back=%2F__admin%2Fui", "Content-Type", "application/x-www-form-urlencoded")
	assert.Equal(t, "passed", a.body, "the dashboard's own forms post form-encoded")
}
