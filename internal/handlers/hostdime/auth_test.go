package hostdime_test

import (
	"bytes"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/hostdime"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/providers"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// The docs' worked example, byte for byte as request.html shows it.
const docsBody = "status=registered&order=desc&api_key=foobar&api_timestamp=1369758680&api_unique=ABCDEF&api_hash=499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd"

const form = "application/x-www-form-urlencoded"

func TestDocsWorkedExample(t *testing.T) {
	s := newServer(t, nil)
	s.App.Clock.Resume() // real time: 2013 is long gone
	r := s.Do(t, "POST", "/hostdime/v1/domain/list.json", docsBody, "Content-Type", form)
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, errJSON(401, "Request timestamp is invalid or expired"), r.Body)

	// Set the clock through the admin API, as a user would.
	a := s.Do(t, "POST", "/__admin/clock", `{"set":"2013-05-28T16:31:20Z"}`, "Content-Type", "application/json")
	require.Equal(t, http.StatusOK, a.Status, a.Body)
	r = s.Do(t, "POST", "/hostdime/v1/domain/list.json", docsBody, "Content-Type", form)
	assert.Equal(t, http.StatusOK, r.Status)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	// In May 2013 example.net (expires 2013-01-15) has expired: only example.com is registered.
	assert.Equal(t, okJSON(`[{"domain":"example.com","status":"registered","created":"2010-03-14","expires":"2031-03-14"}]`), r.Body)

	// The same request again is a replay.
	r = s.Do(t, "POST", "/hostdime/v1/domain/list.json", docsBody, "Content-Type", form)
	assert.Equal(t, errJSON(409, "Duplicate request: api_unique has already been used"), r.Body)

	j := s.Do(t, "GET", "/__admin/requests?provider=hostdime", "")
	assert.Contains(t, j.Body, `"reason":"replay"`)
	assert.Contains(t, j.Body, `"endpoint":"domain.list"`)
}

func TestTimestampWindow(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	cases := []struct {
		offset time.Duration
		ok     bool
	}{
		{-300 * time.Second, true}, {300 * time.Second, true},
		{-301 * time.Second, false}, {301 * time.Second, false},
	}
	for _, tc := range cases {
		c.timestamp = itoa64(now.Add(tc.offset).Unix())
		r := c.call(t, "server.get", "json", kv("cuid", "S38"))
		if tc.ok {
			assert.Contains(t, r.Body, `{"error":null,"response":{"cuid":"S38"`, tc.offset)
		} else {
			assert.Equal(t, errJSON(401, "Request timestamp is invalid or expired"), r.Body, tc.offset)
		}
	}
	for _, bad := range []string{"abc", "1717243200.5", " 1717243200", "+1717243200", "0x10"} {
		c.timestamp = bad
		r := c.call(t, "server.list", "json")
		assert.Equal(t, errJSON(401, "Request timestamp is invalid or expired"), r.Body, bad)
	}
}

func TestWindowIsConfigurable(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*hostdime.Config](c).TimestampWindow = 30 * time.Second })
	c := newClient(s)
	c.timestamp = itoa64(now.Add(-31 * time.Second).Unix())
	assert.Equal(t, errJSON(401, "Request timestamp is invalid or expired"), c.call(t, "server.list", "json").Body)
	c.timestamp = itoa64(now.Add(-30 * time.Second).Unix())
	assert.Contains(t, c.call(t, "server.list", "json").Body, `{"error":null,"response":[`)
}

func TestReplay(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	c.unique = "d5f4c807-3d5d-4b4c-b920-26815bb23ccb"
	assert.Contains(t, c.call(t, "server.list", "json").Body, `{"error":null,`)
	dup := errJSON(409, "Duplicate request: api_unique has already been used")
	assert.Equal(t, dup, c.call(t, "server.list", "json").Body)
	assert.Equal(t, dup, c.call(t, "server.get", "json", kv("cuid", "S37")).Body, "another method, same unique")

	other := newClient(s)
	other.pub, other.priv, other.unique = "hd-pub-0002", "hd-priv-0002", c.unique
	assert.Contains(t, other.call(t, "server.list", "json").Body, `{"error":null,`, "uniques are scoped per key")

	// After the window the value is forgotten (the timestamp is fresh again).
	s.Advance(301 * time.Second)
	assert.Contains(t, c.call(t, "server.list", "json").Body, `{"error":null,`)

	// Admin reset forgets used values.
	assert.Equal(t, dup, c.call(t, "server.list", "json").Body)
	rr := s.Do(t, "POST", "/__admin/reset?provider=hostdime", "")
	require.Equal(t, http.StatusOK, rr.Status, rr.Body)
	assert.Contains(t, c.call(t, "server.list", "json").Body, `{"error":null,`)
}

func TestHashChecks(t *testing.T) {
	s := newServer(t, nil)
	ts := itoa64(now.Unix())
	hash := verify.SignHostdime(priv, "server.get", ts, "U1", [][2]string{{"cuid", "S37"}})
	bad := hash[:63] + string("0123456789abcdef"[(indexHex(hash[63])+1)%16])
	body := func(h, unique string) string {
		return encode([][2]string{{"cuid", "S37"}, {"api_key", pub}, {"api_timestamp", ts}, {"api_unique", unique}, {"api_hash", h}})
	}
	r := s.Do(t, "POST", "/hostdime/v1/server/get.json", body(bad, "U1"), "Content-Type", form)
	assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body, "one wrong hex digit")
	j := s.Do(t, "GET", "/__admin/requests?provider=hostdime", "")
	assert.Contains(t, j.Body, `"reason":"signature_mismatch"`)
	assert.Contains(t, j.Body, `signatures differ from character 64 on`)

	// The hash was checked after the unique was recorded: a fixed retry needs a new unique.
	hash2 := verify.SignHostdime(priv, "server.get", ts, "U2", [][2]string{{"cuid", "S37"}})
	r = s.Do(t, "POST", "/hostdime/v1/server/get.json", body(hash2, "U2"), "Content-Type", form)
	assert.Contains(t, r.Body, `{"error":null,"response":{"cuid":"S37"`)
	r = s.Do(t, "POST", "/hostdime/v1/server/get.json", body(hash2, "U3"), "Content-Type", form)
	assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body, "the unique is covered")

	// Upper-case hex is the same digest.
	hash4 := verify.SignHostdime(priv, "server.get", ts, "U4", [][2]string{{"cuid", "S37"}})
	r = s.Do(t, "POST", "/hostdime/v1/server/get.json", body(upper(hash4), "U4"), "Content-Type", form)
	assert.Contains(t, r.Body, `{"error":null,"response":{"cuid":"S37"`)

	// Vector #5 of the spec: a client that hashed the integer 5.
	c := newClient(s)
	c.timestamp = ts
	int5 := "79ff649e8e26fc9e2ed9316fff26c1d4e664281603d99aced8dfb1a311544dac"
	s.SetClock(time.Unix(1369758680, 0))
	r = s.Do(t, "POST", "/hostdime/v1/server/get.json", "cuid=5&api_key=foobar&api_timestamp=1369758680&api_unique=ABCDEF&api_hash="+int5, "Content-Type", form)
	assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body)
}

func TestAuthFieldsAndKey(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, "POST", "/hostdime/v1/server/list.json", "", "Content-Type", form)
	assert.Equal(t, errJSON(401, "Missing authentication parameters"), r.Body)
	r = s.Do(t, "POST", "/hostdime/v1/server/list.json", "api_key=foobar&api_timestamp=1&api_unique=x", "Content-Type", form)
	assert.Equal(t, errJSON(401, "Missing authentication parameters"), r.Body, "api_hash missing")
	r = s.Do(t, "POST", "/hostdime/v1/server/list.json", "api_key=foobar&api_timestamp=1&api_unique=&api_hash=ab", "Content-Type", form)
	assert.Equal(t, errJSON(401, "Missing authentication parameters"), r.Body, "empty counts as missing")

	c := newClient(s)
	c.pub = "nobody"
	assert.Equal(t, errJSON(401, "Invalid API key"), c.call(t, "server.list", "json").Body)
	c.pub, c.priv = pub, "wrong-private"
	assert.Equal(t, errJSON(401, "Invalid API hash"), c.call(t, "server.list", "json").Body)

	// Fields in any position, as the unofficial wrapper interleaves them.
	ts := itoa64(now.Unix())
	h := verify.SignHostdime(priv, "server.get", ts, "IL", [][2]string{{"cuid", "S38"}})
	r = s.Do(t, "POST", "/hostdime/v1/server/get.json", "api_hash="+h+"&api_key=foobar&cuid=S38&api_unique=IL&api_timestamp="+ts, "Content-Type", form)
	assert.Contains(t, r.Body, `{"error":null,"response":{"cuid":"S38"`)
}

// A PHP wrapper escapes "/" and non-ASCII; the Node and Ruby ones do not. Both pass by default.
func TestPHPAndJSHashesBothPass(t *testing.T) {
	params := []([2]string){kv("url", "http://example.com/a"), kv("name", "Café ☃ 😀")}
	want := okJSON(`{"url":"http:\/\/example.com\/a","name":"Caf\u00e9 \u2603 \ud83d\ude00"}`)
	s := newServer(t, nil)
	php := newClient(s)
	assert.Equal(t, want, php.call(t, "utility.echo", "json", params...).Body)
	js := newClient(s)
	js.style = verify.StylePlain
	js.n = 100
	assert.Equal(t, want, js.call(t, "utility.echo", "json", params...).Body)

	// PHP's http_build_query writes spaces as "+", Node and Ruby as "%20".
	ts := itoa64(now.Unix())
	h := verify.SignHostdime(priv, "utility.echo", ts, "SP", [][2]string{{"a b", "c d"}})
	r := s.Do(t, "POST", "/hostdime/v1/utility/echo.json", "a%20b=c+d&api_key=foobar&api_timestamp="+ts+"&api_unique=SP&api_hash="+h, "Content-Type", form)
	assert.Equal(t, okJSON(`{"a b":"c d"}`), r.Body)

	strict := newServer(t, func(c *config.Config) { config.SectionOf[*hostdime.Config](c).StrictHash = true })
	js = newClient(strict)
	js.style = verify.StylePlain
	assert.Equal(t, errJSON(401, "Invalid API hash"), js.call(t, "utility.echo", "json", params...).Body, "strict_hash takes the PHP form only")
	php = newClient(strict)
	php.n = 100
	assert.Equal(t, want, php.call(t, "utility.echo", "json", params...).Body)
	// Plain ASCII without "/" is the same in both forms.
	js.n = 200
	assert.Equal(t, okJSON(`{"a":"b"}`), js.call(t, "utility.echo", "json", kv("a", "b")).Body)
}

// The JS wrapper's sandbox flag is added after hashing.
func TestTestingFlagNotHashed(t *testing.T) {
	s := newServer(t, nil)
	c := newClient(s)
	c.extraAfter = [][2]string{{"testing", "true"}}
	r := c.call(t, "server.suspend", "json", kv("cuid", "S37"))
	assert.Equal(t, okJSON("true"), r.Body)
	c.extraAfter = nil
	assert.Contains(t, c.call(t, "server.get", "json", kv("cuid", "S37")).Body, `"status":"active"`, "sandbox changed nothing")
}

// The document leaves only api_* fields out of the hash; the JS wrapper adds
// testing after hashing. A hash computed either way passes, and the sandbox
// flag still keeps the call from changing anything.
func TestTestingFlagHashedEitherWay(t *testing.T) {
	ts := itoa64(now.Unix())
	cases := []struct {
		name   string
		hashed [][2]string // what the client hashed
		status string      // the journal outcome
		body   string
	}{
		{"JS wrapper: testing not hashed", [][2]string{{"cuid", "S37"}}, "ok", okJSON("true")},
		{"document: testing hashed in body order", [][2]string{{"cuid", "S37"}, {"testing", "true"}}, "ok", okJSON("true")},
		{"testing hashed with another value", [][2]string{{"cuid", "S37"}, {"testing", "1"}}, "rejected", errJSON(401, "Invalid API hash")},
		{"testing hashed before cuid", [][2]string{{"testing", "true"}, {"cuid", "S37"}}, "rejected", errJSON(401, "Invalid API hash")},
	}
	s := newServer(t, nil)
	for i, c := range cases {
		unique := "T-" + strconv.Itoa(i)
		h := verify.SignHostdime(priv, "server.suspend", ts, unique, c.hashed)
		body := "cuid=S37&api_key=foobar&api_timestamp=" + ts + "&api_unique=" + unique + "&api_hash=" + h + "&testing=true"
		r := s.Do(t, "POST", "/hostdime/v1/server/suspend.json", body, "Content-Type", form)
		assert.Equal(t, c.body, r.Body, c.name)
		list := s.App.Journal.List(journal.Filter{Provider: "hostdime", Limit: 1})
		require.Len(t, list, 1)
		assert.Equal(t, c.status, list[0].Outcome, c.name)
	}
	assert.Contains(t, newClient(s).call(t, "server.get", "json", kv("cuid", "S37")).Body, `"status":"active"`, "sandbox changed nothing")
}

func TestHTTPErrorsSwitch(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*hostdime.Config](c).HTTPErrors = true })
	cases := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"POST", "/hostdime/v1/server/list.json", "", 401, errJSON(401, "Missing authentication parameters")},
		{"GET", "/hostdime/v1/server/list.json", "", 405, errJSON(405, "Only POST requests are accepted")},
		{"POST", "/hostdime/v1/nope/nope.json", "", 404, errJSON(404, "Unknown API method: nope.nope")},
		{"POST", "/hostdime/v1/server/list.php", "", 415, errJSON(415, "Unsupported response format: php")},
	}
	for _, c := range cases {
		r := s.Do(t, c.method, c.path, c.body, "Content-Type", form)
		assert.Equal(t, c.status, r.Status, c.path)
		assert.Equal(t, c.want, r.Body, c.path)
	}
	c := newClient(s)
	r := c.call(t, "server.get", "json", kv("cuid", "S90"))
	assert.Equal(t, 404, r.Status)
	assert.Equal(t, errJSON(404, "Service not found: S90"), r.Body)
	assert.Equal(t, 200, c.call(t, "server.list", "json").Status)
}

func itoa64(n int64) string { return strconvFormat(n) }

func indexHex(c byte) int {
	for i := 0; i < 16; i++ {
		if "0123456789abcdef"[i] == c {
			return i
		}
	}
	return 0
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'f' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// What "mockserver sign hostdime" prints is accepted as it is.
func TestSignCommandOutputIsAccepted(t *testing.T) {
	s := newServer(t, nil)
	var out bytes.Buffer
	require.NoError(t, providers.Sign("hostdime", []string{"--method", "server.get", "--unique", "SIGNCLI", "cuid=S37"}, &out, now.Unix()))
	m := regexp.MustCompile(`--data-raw '([^']*)' http://127\.0\.0\.1:8080/hostdime(/v1/server/get\.json)`).FindStringSubmatch(out.String())
	require.Len(t, m, 3, out.String())
	r := s.Do(t, "POST", "/hostdime"+m[2], m[1], "Content-Type", form)
	assert.Equal(t, okJSON(s37JSON), r.Body)
}
