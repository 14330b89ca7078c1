package overrides

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// maxPartValue bounds one multipart value read for matching.
const maxPartValue = 64 << 10

// request is what matching and templates read from an HTTP request, read once.
type request struct {
	r      *http.Request
	body   []byte
	params map[string]string
}

// readRequest reads the parameters wherever a provider may read them: the
// query, then the body as a form, multipart form or JSON object (the body
// wins on a clash, like PHP's $_REQUEST; within each, the last value wins).
// The body is read from GetBody, which the common middleware sets, so the
// provider still reads it whole afterwards.
func readRequest(r *http.Request) *request {
	req := &request{r: r, params: map[string]string{}}
	req.body = bodyOf(r)
	for k, vs := range r.URL.Query() {
		req.params[k] = vs[len(vs)-1]
	}
	ctype, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	trimmed := bytes.TrimSpace(req.body)
	switch {
	case len(trimmed) == 0:
	case strings.HasPrefix(ctype, "multipart/"):
		readMultipart(req.body, ctParams["boundary"], req.params)
	case strings.Contains(ctype, "json") || trimmed[0] == '{':
		if v, err := jsonv.Decode(trimmed); err == nil {
			if obj, ok := v.(jsonv.Object); ok {
				for _, m := range obj {
					req.params[m.Key] = jsonv.Text(m.Value)
				}
			}
		}
	default:
		// Form-encoded, declared or not; a partly bad body keeps what parsed.
		vals, _ := url.ParseQuery(string(req.body))
		for k, vs := range vals {
			req.params[k] = vs[len(vs)-1]
		}
	}
	return req
}

func bodyOf(r *http.Request) []byte {
	var rc io.ReadCloser
	switch {
	case r.GetBody != nil:
		var err error
		if rc, err = r.GetBody(); err != nil {
			return nil
		}
	case r.Body != nil && r.Body != http.NoBody:
		// No replayable copy: read it and put it back for the provider.
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		return b
	default:
		return nil
	}
	defer rc.Close()
	b, _ := io.ReadAll(rc)
	return b
}

func readMultipart(body []byte, boundary string, into map[string]string) {
	if boundary == "" {
		return
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return
		}
		if part.FormName() != "" && part.FileName() == "" {
			v, _ := io.ReadAll(io.LimitReader(part, maxPartValue))
			into[part.FormName()] = string(v)
		}
		_ = part.Close()
	}
}

// matches reports whether every condition of m holds for req.
func (m Match) matches(req *request) bool {
	for k, want := range m.Params {
		if got, ok := req.params[k]; !ok || got != want {
			return false
		}
	}
	for k, want := range m.Headers {
		vs, ok := req.r.Header[http.CanonicalHeaderKey(k)]
		if !ok {
			// Names Go does not canonicalise (api_key) are kept as sent.
			vs, ok = lookupFold(req.r.Header, k)
		}
		if !ok || len(vs) == 0 || vs[0] != want {
			return false
		}
	}
	return m.BodyContains == "" || bytes.Contains(req.body, []byte(m.BodyContains))
}

func lookupFold(h http.Header, name string) ([]string, bool) {
	for k, vs := range h {
		if strings.EqualFold(k, name) {
			return vs, true
		}
	}
	return nil, false
}
