package examples_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/mocktest"
)

// hostdimeClient is a minimal HostDime API v1 client:
// api_hash = sha256(api_timestamp:api_unique:PRIVATE_KEY:method.name:json(json(PARAMS))).
type hostdimeClient struct {
	t               *testing.T
	endpoint        string // http://127.0.0.1:PORT/hostdime/v1
	public, private string
	now             func() time.Time
	unique          func() string
}

type hostdimeAnswer struct {
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Response json.RawMessage `json:"response"`
}

// hostdimeParams encodes PARAMS as a JSON object in the order given, values as
// strings, no spaces; "{}" for no parameters.
func hostdimeParams(params []field) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range params {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(p.name)
		v, _ := json.Marshal(p.value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}

func hostdimeHash(timestamp, unique, private, method string, params []field) string {
	inner := hostdimeParams(params)
	outer, _ := json.Marshal(inner) // the second encoding: a quoted JSON string
	sum := sha256.Sum256([]byte(timestamp + ":" + unique + ":" + private + ":" + method + ":" + string(outer)))
	return hex.EncodeToString(sum[:])
}

func (c *hostdimeClient) call(method string, out any, params ...field) {
	c.t.Helper()
	ts, unique := strconv.FormatInt(c.now().Unix(), 10), c.unique()
	fields := append(params,
		field{"api_key", c.public}, field{"api_timestamp", ts}, field{"api_unique", unique},
		field{"api_hash", hostdimeHash(ts, unique, c.private, method, params)})
	_, _, body := do(c.t, "POST", c.endpoint+"/"+strings.ReplaceAll(method, ".", "/")+".json", httpBuildQuery(fields), form)
	var a hostdimeAnswer
	decodeJSON(c.t, method, body, &a)
	if a.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, a.Error.Code, a.Error.Message)
	}
	decodeJSON(c.t, method, a.Response, out)
}

func TestHostDimeServerPowerCycle(t *testing.T) {
	// The docs' worked example (Go's json.Marshal escapes <>& but none occur here).
	if got := hostdimeHash("1369758680", "ABCDEF", "fazbaz", "domain.list", []field{{"status", "registered"}, {"order", "desc"}}); got != "499b5d8b8bce0f66d829d9186fb475c16b505ef7e6238c3b43c3342902ce27dd" {
		t.Fatalf("hash of the worked example = %s", got)
	}

	srv := mocktest.New(t)
	// The docs' example is dated 2013: freeze the mock there and sign with its time.
	srv.SetClock(time.Date(2013, 5, 28, 16, 31, 20, 0, time.UTC))
	n := 0
	c := &hostdimeClient{
		t: t, endpoint: srv.URL("hostdime") + "/v1", public: "foobar", private: "fazbaz",
		now:    srv.Now,
		unique: func() string { n++; return fmt.Sprintf("example-%d", n) },
	}

	var servers []struct{ Cuid, Label string }
	c.call("server.list", &servers)
	if fmt.Sprint(servers) != "[{S37 web-01} {S38 db-01}]" {
		t.Fatalf("server.list: %v", servers)
	}

	var server struct {
		Name, Status, Power string
		IPMain              string `json:"ip_main"`
	}
	c.call("server.get", &server, field{"cuid", "S37"})
	if server.Name != "web01.example.com" || server.Status != "active" || server.Power != "on" || server.IPMain != "198.51.100.37" {
		t.Fatalf("server.get: %+v", server)
	}

	var ok bool
	c.call("server.power.cycle", &ok, field{"cuid", "S37"})
	if !ok {
		t.Fatal("server.power.cycle answered false")
	}

	var domains []struct{ Domain, Status, Expires string }
	c.call("domain.list", &domains, field{"status", "registered"}, field{"order", "desc"})
	if fmt.Sprint(domains) != "[{example.com registered 2031-03-14}]" {
		t.Fatalf("domain.list: %v", domains)
	}

	if got := srv.Count(mocktest.Filter{Provider: "hostdime", Outcome: mocktest.OutcomeOK}); got != 4 {
		t.Errorf("hostdime calls journaled ok: %d, want 4", got)
	}
	if got := srv.Count(mocktest.Filter{Provider: "hostdime", Endpoint: "server.power.cycle"}); got != 1 {
		t.Errorf("server.power.cycle calls: %d, want 1", got)
	}

	// Six minutes later the same signed request is outside the ±300 s window.
	stale := c.now()
	srv.Advance(6 * time.Minute)
	fields := []field{{"api_key", "foobar"}, {"api_timestamp", strconv.FormatInt(stale.Unix(), 10)}, {"api_unique", "late-1"},
		{"api_hash", hostdimeHash(strconv.FormatInt(stale.Unix(), 10), "late-1", "fazbaz", "server.list", nil)}}
	_, _, body := do(t, "POST", c.endpoint+"/server/list.json", httpBuildQuery(fields), form)
	if string(body) != `{"error":{"code":401,"message":"Request timestamp is invalid or expired"},"response":null}` {
		t.Fatalf("stale timestamp: %s", body)
	}
}
