package hostdime_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// now is the frozen mock time of most tests.
var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

const (
	pub  = "foobar"
	priv = "fazbaz"
)

func newServer(t *testing.T, tweak func(*config.Config)) *apptest.Server {
	t.Helper()
	s := apptest.New(t, tweak)
	s.SetClock(now)
	return s
}

// client signs like an official wrapper and counts uniques so none repeats.
type client struct {
	s          *apptest.Server
	pub, priv  string
	style      verify.JSONStyle
	n          int
	unique     string // when set, used instead of a fresh one
	timestamp  string // when set, used instead of the clock
	extraAfter [][2]string
}

func newClient(s *apptest.Server) *client { return &client{s: s, pub: pub, priv: priv} }

func encode(pairs [][2]string) string {
	parts := make([]string, 0, len(pairs))
	for _, p := range pairs {
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(p[1]))
	}
	return strings.Join(parts, "&")
}

// body returns the signed form body: method params, then the api_* fields.
func (c *client) body(method string, params [][2]string) string {
	c.n++
	unique := c.unique
	if unique == "" {
		unique = "u-" + strconv.Itoa(c.n) + "-" + method
	}
	ts := c.timestamp
	if ts == "" {
		ts = strconv.FormatInt(c.s.App.Clock.Now().Unix(), 10)
	}
	hash := verify.SignHostdimeStyle(c.style, c.priv, method, ts, unique, verify.HostdimeHashParams(params, false))
	all := append(append([][2]string{}, params...), [2]string{"api_key", c.pub}, [2]string{"api_timestamp", ts}, [2]string{"api_unique", unique}, [2]string{"api_hash", hash})
	all = append(all, c.extraAfter...)
	return encode(all)
}

// call posts a signed call of method to its path with format ext.
func (c *client) call(t *testing.T, method, ext string, params ...[2]string) apptest.Response {
	t.Helper()
	path := "/hostdime/v1/" + strings.ReplaceAll(method, ".", "/") + "." + ext
	return c.s.Do(t, "POST", path, c.body(method, params), "Content-Type", "application/x-www-form-urlencoded")
}

func kv(k, v string) [2]string { return [2]string{k, v} }

func errJSON(code int, msg string) string {
	return `{"error":{"code":` + strconv.Itoa(code) + `,"message":"` + msg + `"},"response":null}`
}

func okJSON(resp string) string { return `{"error":null,"response":` + resp + `}` }

func strconvFormat(n int64) string { return strconv.FormatInt(n, 10) }
