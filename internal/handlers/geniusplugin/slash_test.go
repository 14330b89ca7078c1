package geniusplugin_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/geniusplugin"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// noFollow sends a urlencoded form (nil pairs: no body) with the given extra
// headers, without following redirects, and returns the response with its
// body read into Body's place.
func noFollow(t *testing.T, s *apptest.Server, method, path string, pairs [][2]string, headers ...string) *resp {
	t.Helper()
	var parts []string
	for _, p := range pairs {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(strings.Join(parts, "&")))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "Host" {
			req.Host = headers[i+1]
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return &resp{Response: res, Body: string(b)}
}

type resp struct {
	*http.Response
	Body string
}

// movedBody is the web server's 301 page for loc.
func movedBody(loc string) string {
	return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>301 Moved Permanently</title>
</head><body>
<h1>Moved Permanently</h1>
<p>The document has moved <a href="` + loc + `">here</a>.</p>
</body></html>
`
}

// "All requests must be sent to …/<path>/ (with ending slash)": without it
// the web server answers 301 to the slash path and the API does nothing.
func TestEndpointWithoutSlashIsMovedPermanently(t *testing.T) {
	s := newServer(t, nil)
	reg := signed(key1, "moved.example", "package", "10k", "uemail", "a@moved.example",
		"password", encrypt(t, key1, "Str0ng-pass"))
	cases := []struct {
		name, method, path string
		headers            []string
		location, endpoint string
	}{
		{"POST under the prefix", http.MethodPost, "/geniusplugin/api/v1/autoregister", nil, s.URL + "/geniusplugin/api/v1/autoregister/", "autoregister"},
		{"GET under the prefix", http.MethodGet, "/geniusplugin/api/v1/getcredit", nil, s.URL + "/geniusplugin/api/v1/getcredit/", "getcredit"},
		{"query string kept", http.MethodPost, "/geniusplugin/api/v1/delete?x=1&y=%2F", nil, s.URL + "/geniusplugin/api/v1/delete/?x=1&y=%2F", "delete"},
		{"under the real host", http.MethodPost, "/api/v1/renew", []string{"Host", "www.geniusplugin.com"}, "http://www.geniusplugin.com/api/v1/renew/", "renew"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := noFollow(t, s, c.method, c.path, reg, c.headers...)
			assert.Equal(t, http.StatusMovedPermanently, r.StatusCode)
			assert.Equal(t, c.location, r.Header.Get("Location"))
			assert.Equal(t, "text/html; charset=iso-8859-1", r.Header.Get("Content-Type"))
			assert.Equal(t, movedBody(strings.ReplaceAll(c.location, "&", "&amp;")), r.Body)
			e := lastEntry(t, s)
			assert.Equal(t, "rejected", e.Outcome)
			assert.Equal(t, "not_found", e.Reason)
			assert.Equal(t, c.endpoint, e.Endpoint)
			path := strings.TrimPrefix(strings.Split(c.path, "?")[0], "/geniusplugin")
			assert.Equal(t, c.method+" "+path+` has no ending slash (the docs: "with ending slash"): answered 301 to `+c.location+` and did nothing; a client that follows it as a GET loses its method and body`, e.Explanation)
		})
	}
	// Nothing was done: no package, no charge.
	assert.Equal(t, `{"status":"Package not Found!"}`, post(t, s, "list", signed(key1, "moved.example")))
	assert.Equal(t, `{"status":"OK - 1500.26"}`, post(t, s, "getcredit", signed(key1, "example.com")))

	// A client that follows the redirect as a GET loses its body and its method.
	r := s.PostForm(t, "/geniusplugin/api/v1/getcredit", signed(key1, "example.com"))
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, `{"status":"Invalid request method"}`, r.Body, "Go's client follows a 301 of a POST as a GET")

	// A name that is no endpoint has nothing to redirect to.
	nf := noFollow(t, s, http.MethodPost, "/geniusplugin/api/v1/nope", signed(key1, "example.com"))
	assert.Equal(t, http.StatusOK, nf.StatusCode)
	assert.Equal(t, `{"status":"Invalid endpoint"}`, nf.Body)
}

// timestamp is an int in the docs: a shuffle with a leading 0 arrives with
// 9 digits when sent as a number. Any 1–10 digits pass, the hash over the
// value exactly as received.
func TestTimestampOneToTenDigits(t *testing.T) {
	sign := func(stamp, hashedStamp string) [][2]string {
		return [][2]string{{"domain", "example.com"}, {"hash", verify.SignGeniusplugin(key1, "example.com", hashedStamp)}, {"timestamp", stamp}}
	}
	cases := []struct {
		name, stamp, hashed string
		strict              bool
		want                string
	}{
		{"10 digits", "7126354980", "7126354980", false, `{"status":"ok"}`},
		{"10 digits, leading zero sent as a string", "0726354981", "0726354981", false, `{"status":"ok"}`},
		{"9 digits: the leading zero lost as an integer", "726354981", "726354981", false, `{"status":"ok"}`},
		{"9 digits, hashed with the zero the client dropped", "726354981", "0726354981", false, `{"status":"Invalid hash"}`},
		{"1 digit", "7", "7", false, `{"status":"ok"}`},
		{"11 digits", "17263549800", "17263549800", false, `{"status":"Invalid timestamp"}`},
		{"sign", "+726354981", "+726354981", false, `{"status":"Invalid timestamp"}`},
		{"negative", "-726354981", "-726354981", false, `{"status":"Invalid timestamp"}`},
		{"fraction", "72635498.1", "72635498.1", false, `{"status":"Invalid timestamp"}`},
		{"strict: 9 digits are a shuffle of now with its 0 first", "726354981", "726354981", true, `{"status":"ok"}`},
		{"strict: 8 digits would need two zeros", "72635498", "72635498", true, `{"status":"Invalid timestamp"}`},
	}
	plain := newServer(t, nil)
	strict := newServer(t, func(c *config.Config) { config.SectionOf[*geniusplugin.Config](c).StrictTimestamp = true })
	strict.SetClock(time.Unix(1726354980, 0))
	for _, c := range cases {
		s := plain
		if c.strict {
			s = strict
		}
		assert.Equal(t, c.want, post(t, s, "connection", sign(c.stamp, c.hashed)), c.name)
	}
	assert.Equal(t, `timestamp "17263549800" is not 1 to 10 digits (str_shuffle(time()), as a string or an integer)`, func() string {
		post(t, plain, "connection", sign("17263549800", "17263549800"))
		return lastEntry(t, plain).Explanation
	}())
}
