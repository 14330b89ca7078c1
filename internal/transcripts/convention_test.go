package transcripts

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mocksuite/mocksuite/internal/app"
)

// The health answer is the smallest stable exchange there is.
var healthBody = `{"status":"ok","version":"` + app.Version + `"}`

func TestParseExchange(t *testing.T) {
	ex, err := parseExchange(`curl -sS -i -X PUT -H 'api_key: k' -H "api_sign: a+b/\"c\"=" -H 'Host: api.zipay.io' --data-raw 'a=1&b=2' -d x=3 'http://127.0.0.1:8080/zipay/api/random?x=1'`,
		[]string{"HTTP/1.1 403 Forbidden", "Content-Type: application/json", "", "{}", ""})
	if err != nil {
		t.Fatal(err)
	}
	r := ex.req
	if r.method != http.MethodPut || r.target != "/zipay/api/random?x=1" || r.host != "api.zipay.io" || r.body != "a=1&b=2&x=3" {
		t.Errorf("request = %+v", r)
	}
	if r.headers.Get("api_key") != "k" || r.headers.Get("api_sign") != `a+b/"c"=` || r.headers.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("headers = %v", r.headers)
	}
	if !ex.include || ex.status != "HTTP/1.1 403 Forbidden" || len(ex.headers) != 1 || ex.body != "{}\n" {
		t.Errorf("output = %+v", ex)
	}

	ex, err = parseExchange(`curl -sS -d '{"set":"2013-05-28T16:31:20Z"}' http://127.0.0.1:8080/__admin/clock`, []string{`{"now":"x"}`})
	if err != nil {
		t.Fatal(err)
	}
	if ex.req.method != http.MethodPost || ex.status != "HTTP/1.1 200 OK" || ex.body != `{"now":"x"}` {
		t.Errorf("exchange = %+v", ex)
	}
	ex, err = parseExchange(`curl -sS http://127.0.0.1:8080/zipay/api/`, nil)
	if err != nil || ex.req.method != http.MethodGet || ex.req.host != "127.0.0.1:8080" {
		t.Errorf("GET = %+v, %v", ex.req, err)
	}
}

func TestParseRefusesWhatCannotBeReplayed(t *testing.T) {
	for cmd, want := range map[string]string{
		`curl -sS http://localhost:8080/x`:                         "must start with http://127.0.0.1:8080/",
		`curl -sS -L http://127.0.0.1:8080/x`:                      `"-L" is not understood`,
		`curl -sS http://127.0.0.1:8080/x?a=1&b=2`:                 "cannot be replayed",
		`curl -sS -d @body.txt http://127.0.0.1:8080/x`:            "@file",
		`curl -sS -H "X: $TOKEN" http://127.0.0.1:8080/x`:          "expansion",
		`mockserver sign zipay | sh`:                               "cannot be replayed",
		`curl -sS -H 'X' http://127.0.0.1:8080/x`:                  "no colon",
		`curl -sS 'http://127.0.0.1:8080/x`:                        "unterminated",
		`curl -sS http://127.0.0.1:8080/x http://127.0.0.1:8080/y`: "two URLs",
	} {
		if _, err := parseExchange(cmd, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", cmd, err, want)
		}
	}
	if _, err := parseExchange(`curl -sS -i http://127.0.0.1:8080/x`, []string{"HTTP/1.1 200 OK", "Date: Sun, 22 Nov 2026 23:09:03 GMT"}); err == nil || !strings.Contains(err.Error(), "Date") {
		t.Errorf("a Date header was accepted: %v", err)
	}
}

func TestParseFileNamesTheLine(t *testing.T) {
	for doc, want := range map[string]string{
		"# T\n\n```console\n$ curl -sS http://127.0.0.1:8080/x\n{}\n```\n":                                                        `x.md:4: a curl call with output in a "console" block`,
		"```console transcript\n$ curl -sS http://127.0.0.1:8080/x\n```\n":                                                        `x.md:2: a transcript starts with "# server: "`,
		"```console transcript\n# server: go run ./cmd/mockserver\n$ curl -sS http://127.0.0.1:8080/x\n```\n":                     "x.md:2: a transcript needs fresh state",
		"```console transcript\n# server: go run ./cmd/mockserver --db :memory: --tls\n$ curl -sS http://127.0.0.1:8080/x\n```\n": `x.md:2: server flag "--tls"`,
		"```console transcript\n# server: as above, continued\n$ curl -sS http://127.0.0.1:8080/x\n```\n":                         "x.md:2: \"as above, continued\" but no transcript",
		"```console transcript\n# server: go run ./cmd/mockserver --db :memory:\n\n$ curl -sS -L http://127.0.0.1:8080/x\n```\n":  "x.md:4: curl option",
		"```console transcript\n# server: go run ./cmd/mockserver --db :memory:\nnot a command\n```\n":                            "x.md:3: expected a \"$ curl\" line",
		"```sh\ncurl -s localhost:8080/__admin/faults -d '{}'\n{\"id\":1}\n```\n":                                                 `x.md:2: a curl call with output in a "sh" block`,
		"text\n```console transcript\n# server: go run ./cmd/mockserver --db :memory:\n":                                          "x.md: line 2: fenced block is never closed",
	} {
		if _, err := parseFile("x.md", doc); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", doc, err, want)
		}
	}
}

// Commands without output, and commands that print a curl command, are no
// transcripts.
func TestParseFileLeavesIllustrationsAlone(t *testing.T) {
	doc := "```console\n$ mockserver sign gempay --endpoint products\ncurl -sS -H 'Authorization: Bearer k' http://127.0.0.1:8080/gempay/api/products\n$ mockserver sign zipay\n# a comment\ncurl -sS http://127.0.0.1:8080/zipay/api/random\n```\n\n```sh\ncurl -s -X POST localhost:8080/__admin/clock -d '{\"set\":\"2013-05-28T16:31:20Z\"}'\ncurl -s -X POST localhost:8080/__admin/clock -d '{\"advance\":\"6m\"}'\n\ngo run ./cmd/mockserver\n```\n"
	ts, err := parseFile("x.md", doc)
	if err != nil || len(ts) != 0 {
		t.Errorf("parseFile = %v, %v; want no transcript and no error", ts, err)
	}
}

// TestDriftIsCaught replays a small document against a real server: the
// right answer passes, and a changed body, status or header fails naming the
// file and the line of the exchange.
func TestDriftIsCaught(t *testing.T) {
	const doc = "# Doc\n\n   ```console transcript\n   # server: go run ./cmd/mockserver --db :memory: --seed 7\n   $ curl -sS http://127.0.0.1:8080/__admin/health\n   BODY\n\n   $ curl -sS -i \\\n     http://127.0.0.1:8080/zipay/api/nope\n   HTTP/1.1 404 Not Found\n   Content-Length: 61\n   Content-Type: application/json\n\n   {\"errors\":{\"route\":\"NOT_FOUND\"},\"success\":false,\"status\":404}\n   ```\n"
	good := strings.Replace(doc, "BODY", healthBody, 1)
	ts, err := parseFile("x.md", good)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 1 || len(ts[0].exchanges) != 2 || ts[0].seed != 7 || ts[0].debug {
		t.Fatalf("parsed %+v", ts)
	}
	base := startServer(t, ts[0].seed, ts[0].debug)
	for _, ex := range ts[0].exchanges {
		if err := replay(base, "x.md", ex); err != nil {
			t.Fatalf("the right transcript failed: %v", err)
		}
	}
	for name, c := range map[string]struct{ doc, want string }{
		"body":               {strings.Replace(doc, "BODY", `{"status":"ok"}`, 1), "x.md:5: GET /__admin/health: body differs"},
		"status":             {strings.Replace(good, "404 Not Found", "200 OK", 1), `x.md:8: GET /zipay/api/nope: status "HTTP/1.1 404 Not Found", documented "HTTP/1.1 200 OK"`},
		"header":             {strings.Replace(good, "Content-Length: 61", "Content-Length: 62", 1), "x.md:8: GET /zipay/api/nope: headers differ"},
		"missing header":     {strings.Replace(good, "   Content-Type: application/json\n", "", 1), "x.md:8: GET /zipay/api/nope: headers differ"},
		"not 200 without -i": {strings.Replace(good, "-sS -i \\", "-sS \\", 1), "x.md:8: GET /zipay/api/nope: status \"HTTP/1.1 404 Not Found\": a transcript without -i documents a 200"},
	} {
		ts, err := parseFile("x.md", c.doc)
		if err != nil {
			// without -i the status and header lines are part of the body
			t.Fatalf("%s: %v", name, err)
		}
		var errs []string
		for _, ex := range ts[0].exchanges {
			if err := replay(base, "x.md", ex); err != nil {
				errs = append(errs, err.Error())
			}
		}
		if len(errs) != 1 || !strings.HasPrefix(errs[0], c.want) {
			t.Errorf("%s: errors = %q, want one starting %q", name, errs, c.want)
		}
	}
}
