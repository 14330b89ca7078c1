package nodeco_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/nodeco"
	"github.com/mocksuite/mocksuite/internal/verify"
)

const archJSON = `{"code":"OK","message":"","data":{"i686":"i686","x86_64":"x86_64"}}`

func signedQuery(user, key, random string, extra ...string) string {
	v := url.Values{}
	v.Set("user_id", user)
	v.Set("random", random)
	v.Set("checksum", verify.SignNodeco(user, key, random))
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	return v.Encode()
}

func TestAuthentication(t *testing.T) {
	s := newServer(t, nil)
	good := verify.SignNodeco(user1, key1, "r1")
	tests := []struct {
		name string
		form [][2]string
		want string
	}{
		{"valid", [][2]string{{"user_id", user1}, {"random", "r1"}, {"checksum", good}}, archJSON},
		{"missing user_id", [][2]string{{"random", "r1"}, {"checksum", good}}, errBody("Missing parameter: user_id.")},
		{"missing random", [][2]string{{"user_id", user1}, {"checksum", good}}, errBody("Missing parameter: random.")},
		{"missing checksum", [][2]string{{"user_id", user1}, {"random", "r1"}}, errBody("Missing parameter: checksum.")},
		{"unknown user", [][2]string{{"user_id", "99999"}, {"random", "r1"}, {"checksum", good}}, errBody("Invalid user_id.")},
		{"other user's checksum", [][2]string{{"user_id", user2}, {"random", "r1"}, {"checksum", good}}, errBody("Invalid checksum.")},
		{"wrong random", [][2]string{{"user_id", user1}, {"random", "r2"}, {"checksum", good}}, errBody("Invalid checksum.")},
		{"upper-case checksum", [][2]string{{"user_id", user1}, {"random", "r1"}, {"checksum", strings.ToUpper(good)}}, errBody("Invalid checksum.")},
		{"single sha1", [][2]string{{"user_id", user1}, {"random", "r1"}, {"checksum", "ed1b3e3d3c6c9a8e3a0f2c4a1b8c6d9e0f1a2b3c"}}, errBody("Invalid checksum.")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.PostForm(t, "/nodeco/api/v1/get_arch_list", tc.form)
			if res.Status != http.StatusOK {
				t.Fatalf("status %d", res.Status)
			}
			assertBody(t, res.Body, tc.want)
		})
	}
}

func TestChecksumExplainedInDebugMode(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.Debug = true })
	res := s.PostForm(t, "/nodeco/api/v1/get_arch_list", [][2]string{{"user_id", user1}, {"random", "abc123"}, {"checksum", "deadbeef"}})
	assertBody(t, res.Body, errBody("Invalid checksum."))
	explain := res.Header.Get("X-Mock-Explain")
	want := `signature mismatch: signature has 8 characters, expected 40 (user_id="12312", random="abc123"; the three rounds hash the previous round's hex text); canonical="sha1(sha1(sha1(12312hasd...bNBSabc123)))"; expected=b4ac6913d6219a160a1c268089bceae63f40bc31; got="deadbeef"`
	if explain != want {
		t.Fatalf("X-Mock-Explain = %q\nwant %q", explain, want)
	}
}

func TestRoutingMethodsAndFormats(t *testing.T) {
	s := newServer(t, nil)
	q := signedQuery(user1, key1, "q1")
	xmlArch := "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>OK</code>\n<message></message>\n<data>\n    <i686>i686</i686>\n    <x86_64>x86_64</x86_64>\n</data>\n"
	tests := []struct {
		name, method, path, body string
		headers                  []string
		status                   int
		want, ctype              string
	}{
		{"GET query, real stage", "GET", "/nodeco/api/v1/get_arch_list?" + q, "", nil, 200, archJSON, "application/json; charset=utf-8"},
		{"GET sandbox with trailing slash", "GET", "/nodeco/api-sandbox/v1/get_arch_list/?" + q, "", nil, 200, archJSON, "application/json; charset=utf-8"},
		{"real host node.co.id", "GET", "/api/v1/get_arch_list?" + q, "", []string{"Host", "node.co.id"}, 200, archJSON, "application/json; charset=utf-8"},
		{"real host virtdedi.com", "POST", "/api-sandbox/v1/get_arch_list", q, []string{"Host", "virtdedi.com", "Content-Type", "application/x-www-form-urlencoded"}, 200, archJSON, "application/json; charset=utf-8"},
		{"format=xml", "GET", "/nodeco/api/v1/get_arch_list?format=xml&" + q, "", nil, 200, xmlArch, "text/xml; charset=utf-8"},
		{"unknown format falls back to JSON", "GET", "/nodeco/api/v1/get_arch_list?format=yaml&" + q, "", nil, 200, archJSON, "application/json; charset=utf-8"},
		{"unknown function", "GET", "/nodeco/api/v1/get_balance?" + q, "", nil, 200, errBody("Unknown function."), "application/json; charset=utf-8"},
		{"unknown function before auth", "GET", "/nodeco/api/v1/reboot_server", "", nil, 200, errBody("Unknown function."), "application/json; charset=utf-8"},
		{"virtdedi has no create_snapshot", "GET", "/virtdedi/api/v1/create_snapshot?" + q + "&server_id=12345", "", nil, 200, errBody("Unknown function."), "application/json; charset=utf-8"},
		{"PUT refused", "PUT", "/nodeco/api/v1/get_arch_list?" + q, "", nil, 200, errBody("Unsupported HTTP method: use GET or POST."), "application/json; charset=utf-8"},
		{"unknown path", "GET", "/nodeco/v2/get_arch_list", "", nil, 404, errBody("Unknown function."), "application/json; charset=utf-8"},
		{"XML error", "GET", "/nodeco/api/v1/get_arch_list?format=xml&user_id=12312&random=x&checksum=y", "", nil, 200,
			"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>ERROR</code>\n<message>Invalid checksum.</message>\n<data></data>\n", "text/xml; charset=utf-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := s.Do(t, tc.method, tc.path, tc.body, tc.headers...)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d (%s)", res.Status, tc.status, res.Body)
			}
			assertBody(t, res.Body, tc.want)
			if ct := res.Header.Get("Content-Type"); ct != tc.ctype {
				t.Fatalf("Content-Type %q, want %q", ct, tc.ctype)
			}
		})
	}
}

func TestOwnFailuresUseTheEnvelope(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.BodyLimit = 1024 })
	res := s.Do(t, "POST", "/nodeco/api/v1/get_arch_list?format=xml", strings.Repeat("a", 2048), "Content-Type", "application/x-www-form-urlencoded")
	if res.Status != 200 {
		t.Fatalf("status %d", res.Status)
	}
	assertBody(t, res.Body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<code>ERROR</code>\n<message>The request is too large.</message>\n<data></data>\n")
}

func TestErrorCodeIsConfigurable(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*nodeco.Config](c).ErrorCode = "FAILED" })
	res := s.Do(t, "GET", "/virtdedi/api/v1/get_arch_list?user_id=1", "")
	assertBody(t, res.Body, `{"code":"FAILED","message":"Missing parameter: random.","data":{}}`)
}
