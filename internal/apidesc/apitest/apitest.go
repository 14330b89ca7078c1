// Package apitest checks, in tests, that every exchange with a provider is
// described by the provider's OpenAPI document: the request is matched to an
// operation and validated (kin-openapi), and the answer must be one the
// operation documents, status and body. A path or verb no operation serves
// must get one of the document's x-mocksuite-unrouted answers.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/handlers"
)

// origin is where the documents under validation say the mock lives.
const origin = "http://mock.invalid"

var registerOnce sync.Once

// loaded caches documents by their bytes: loading and checking a document
// takes far longer than a handler test, and most tests share the defaults.
var loaded sync.Map // string(raw) → *spec

// registerDecoders teaches kin-openapi the answer formats the providers use
// besides JSON and forms: YAML is decoded and checked against the schema,
// XML, JSONP and HTML are checked as text (their schema is a pattern).
func registerDecoders() {
	registerOnce.Do(func() {
		openapi3filter.RegisterBodyDecoder("text/yaml", openapi3filter.YamlBodyDecoder)
		for _, ct := range []string{"application/xml", "text/xml", "application/javascript", "text/html"} {
			openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
		}
	})
}

// spec is one provider's loaded document.
type spec struct {
	queryAndBody bool // x-mocksuite-query-and-body
	doc          *openapi3.T
	router       routers.Router
	unrouted     *openapi3.Responses
}

// Validator wraps a handler.
type Validator struct {
	t     testing.TB
	apis  map[string]apidesc.API
	hosts map[string]string
	// Injected reports whether the exchange just served was answered by an
	// injected fault: such answers are outside every document by design.
	Injected func() bool

	mu    sync.Mutex
	specs map[string]*spec
}

// New prepares the documents of apis (loaded when a provider is first
// called); hosts maps a real host name to its provider.
func New(t testing.TB, apis []apidesc.API, hosts map[string]string) *Validator {
	registerDecoders()
	v := &Validator{t: t, apis: map[string]apidesc.API{}, hosts: hosts, specs: map[string]*spec{}}
	for _, a := range apis {
		v.apis[a.Name] = a
	}
	return v
}

// spec returns the loaded document of provider name.
func (v *Validator) spec(name string) (*spec, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if s, ok := v.specs[name]; ok {
		return s, nil
	}
	a := v.apis[name]
	raw, err := apidesc.OpenAPI(a, origin+"/"+a.Name)
	if err != nil {
		return nil, err
	}
	if s, ok := loaded.Load(string(raw)); ok {
		v.specs[name] = s.(*spec)
		return s.(*spec), nil
	}
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("the %s document is invalid: %w", name, err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("router %s: %w", name, err)
	}
	s := &spec{doc: doc, router: router}
	if v, ok := doc.Extensions["x-mocksuite-query-and-body"].(bool); ok {
		s.queryAndBody = v
	}
	if ext, ok := doc.Extensions["x-mocksuite-unrouted"]; ok {
		b, err := json.Marshal(ext)
		if err != nil {
			return nil, fmt.Errorf("%s unrouted: %w", name, err)
		}
		s.unrouted = openapi3.NewResponses()
		if err := json.Unmarshal(b, s.unrouted); err != nil {
			return nil, fmt.Errorf("%s unrouted: %w", name, err)
		}
	}
	loaded.Store(string(raw), s)
	v.specs[name] = s
	return s, nil
}

// Wrap checks every provider exchange that passes through next.
func (v *Validator) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, rest := v.provider(r)
		if _, ok := v.apis[name]; !ok {
			next.ServeHTTP(w, r)
			return
		}
		s, err := v.spec(name)
		if err != nil {
			v.t.Errorf("apitest: %v", err)
			next.ServeHTTP(w, r)
			return
		}
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		rec := handlers.NewRecorder(w, 0)
		next.ServeHTTP(rec, r)
		if err := v.check(s, name, rest, r, body, rec); err != nil && (v.Injected == nil || !v.Injected()) {
			v.t.Errorf("apitest: %s %s answered %d, which the %s document does not describe: %v\nbody: %.400s", r.Method, r.URL.RequestURI(), rec.Status, name, err, rec.Body.String())
		}
	})
}

// provider names the provider a request is for, and its path under it.
func (v *Validator) provider(r *http.Request) (string, string) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	// The escaped path, so the rebuilt request carries what the client sent.
	path := r.URL.EscapedPath()
	if name, ok := v.hosts[strings.ToLower(host)]; ok {
		return name, path
	}
	seg, rest, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return seg, "/" + rest
}

func (v *Validator) check(s *spec, name, rest string, r *http.Request, body []byte, rec *handlers.Recorder) error {
	// Repeated slashes are one, as for the mock's own routers.
	for strings.Contains(rest, "//") {
		rest = strings.ReplaceAll(rest, "//", "/")
	}
	u := origin + "/" + name + rest
	query := r.URL.RawQuery
	if s.queryAndBody {
		query, body = phpRequest(r, query, body)
	}
	if query != "" {
		u += "?" + query
	}
	req, err := http.NewRequestWithContext(context.Background(), r.Method, u, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("rebuild request: %w", err)
	}
	req.Header = r.Header.Clone()
	route, params, err := s.router.FindRoute(req)
	input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if err != nil {
		if s.unrouted == nil {
			return fmt.Errorf("no operation: %w", err)
		}
		input.Route = &routers.Route{Spec: s.doc, Method: r.Method, Operation: &openapi3.Operation{Responses: s.unrouted}}
	} else if reqErr := openapi3filter.ValidateRequest(context.Background(), input); reqErr != nil && rec.Status < 300 {
		// A request whose fields break the document's schema must not be
		// accepted: the mock would be laxer than its description (or the
		// description stricter). Bytes kin-openapi cannot decode as a form
		// (PHP reads them leniently) are not a schema question.
		var se *openapi3.SchemaError
		if errors.As(reqErr, &se) && s.succeeded(input, rec) {
			return fmt.Errorf("the request breaks the document (%v) yet got the success answer", reqErr)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input, Status: rec.Status, Header: rec.Header(),
		Body:    io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), out)
}

// succeeded reports whether a JSON answer matches the operation's success
// schema: every description lists the success first, so it is the first
// alternative of its status (or the only schema).
func (s *spec) succeeded(in *openapi3filter.RequestValidationInput, rec *handlers.Recorder) bool {
	first := in.Route.Operation.Responses.Status(rec.Status)
	if first == nil || first.Value == nil {
		return false
	}
	ct := rec.Header().Get("Content-Type")
	mt, _, _ := strings.Cut(ct, ";")
	media := first.Value.Content.Get(mt)
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return false
	}
	schema := media.Schema.Value
	if len(schema.AnyOf) > 0 {
		schema = schema.AnyOf[0].Value
	}
	var val any
	if err := json.Unmarshal(rec.Body.Bytes(), &val); err != nil {
		return false
	}
	return schema.VisitJSON(val) == nil
}

// phpRequest is a POST form as the provider reads it under
// x-mocksuite-query-and-body: every query field the body does not carry moves
// into the body (PHP's $_GET and $_POST feed the call, the body winning); the
// format switch stays in the query, where the document lists it.
func phpRequest(r *http.Request, query string, body []byte) (string, []byte) {
	ct := r.Header.Get("Content-Type")
	if r.Method != http.MethodPost || query == "" || !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return query, body
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return query, body
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return query, body
	}
	keep := url.Values{}
	for k, vs := range q {
		switch {
		case k == "format":
			keep[k] = vs
		case form.Has(k):
		default:
			form[k] = vs[len(vs)-1:]
		}
	}
	return keep.Encode(), []byte(form.Encode())
}
