package examples_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// field is one form field; a slice of them keeps the order the request sends,
// which HostDime's hash depends on.
type field struct{ name, value string }

// phpURLEncode encodes like PHP's urlencode: space as +, everything but
// letters, digits and "-_." as %XX (Go leaves "~" alone, PHP does not).
func phpURLEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "~", "%7E")
}

// httpBuildQuery builds a form body as PHP's http_build_query does for flat fields.
func httpBuildQuery(fields []field) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = phpURLEncode(f.name) + "=" + phpURLEncode(f.value)
	}
	return strings.Join(parts, "&")
}

var httpClient = &http.Client{
	Timeout: 10 * time.Second,
	// Never follow redirects: the Zipay payment page's 302 is checked itself.
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// do sends a request and returns the status, the headers and the body.
func do(t *testing.T, method, url, body string, header map[string]string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = []string{v} // as written: Zipay's api_key header keeps its underscore
	}
	res, err := httpClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return res.StatusCode, res.Header, b
}

func decodeJSON(t *testing.T, what string, body []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("%s: %v in %s", what, err, body)
	}
}

var form = map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
