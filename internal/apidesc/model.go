// Package apidesc turns the providers' own tables (routes, method tables,
// message tables, parameter readers' limits) into machine-readable API
// descriptions: one OpenAPI 3.0.3 document per provider and one Postman v2.1
// collection for all of them. Each provider package describes itself in its
// apidesc.go (a Describer); this package only renders, so a message corrected
// in a provider's envelope.go changes every description at once.
package apidesc

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/mocksuite/mocksuite/internal/handlers"
)

// Describer is implemented by every provider emulator.
type Describer interface {
	Describe() API
}

// API is one provider's description.
type API struct {
	Name        string // path prefix under the mock ("gempay", "virtdedi", …)
	Title       string
	Version     string
	Description string
	RealOrigin  string // the real service's base URL, the second server
	Signature   Signature
	// Security lists the credentials a request carries (headers or fields).
	Security []Credential
	// Variables are the Postman collection variables of this provider, with
	// the fixture account's values as defaults.
	Variables []Pair
	// Prerequest is the Postman folder's pre-request script (CryptoJS).
	Prerequest string
	// Sign is the same signing in Go, for the dashboard's ready-signed samples.
	Sign      SignFunc
	Endpoints []Endpoint
	// Unrouted is what the provider answers for a path or verb it does not
	// serve: no operation in OpenAPI can describe it, so it travels as the
	// x-mocksuite-unrouted extension and the validator checks such answers
	// against it.
	Unrouted []Response
	// QueryAndBody says the provider reads parameters as PHP fills $_GET and
	// $_POST: a POST may carry any of them in its query string, and a body
	// value wins over a query value of the same name. It travels as the
	// x-mocksuite-query-and-body extension, which the validator honours.
	QueryAndBody bool
}

// Credential is one authentication input.
type Credential struct {
	Name        string
	In          string // "header", "query" or "body"
	Scheme      string // "bearer" for HTTP bearer; "" for an API-key style value
	Description string
}

// Signature is the signing recipe: prose for people, structure for tools.
type Signature struct {
	Algorithm string   // e.g. "sha1(sha1(sha1(user_id . api_key . random)))"
	Inputs    []string // what goes in, in order
	Encoding  string   // "hex-lower", "base64", …
	Placement string   // where the result travels
	Recipe    string   // prose, step by step
	Notes     string
}

// Pair is one ordered name/value.
type Pair struct{ Name, Value string }

// Endpoint is one operation.
type Endpoint struct {
	ID          string // operationId, unique in the document
	Method      string
	Path        string // the real path, as under the real host
	Tag         string
	Summary     string
	Description string
	Body        string // "form", "json" or "" (no body; Params go in the query)
	Params      []Param
	Headers     []Param
	Responses   []Response
	// Example is the sample request's fields for the fixture account, in the
	// order a client sends them; values may name Postman variables ({{x}}).
	Example []Pair
	// Test is the Postman test: the JSON field (dotted path) whose value
	// proves success, and the value expected ("" = present and not null).
	Test     string
	TestWant string
	// TestText is, for answers that are not JSON, a text the body contains.
	TestText string
	// Capture stores a field of the answer into a collection variable for the
	// requests after it: Name is the variable, Value the dotted JSON path.
	Capture []Pair
	// Script is a per-request pre-request script run before the folder's.
	Script string
	// Auth names the Security credentials this endpoint takes.
	Auth []string
	// Multipart: the form is read from multipart/form-data bodies too.
	Multipart bool
	// AnyContentType: the body is read as a form whatever its Content-Type says.
	AnyContentType bool
	// SkipPostman leaves the endpoint out of the collection (another
	// spelling of an operation the collection already sends).
	SkipPostman bool
	// Aliases are other paths that serve the same operation (a missing
	// trailing slash, say); OpenAPI lists them, Postman sends Path only.
	Aliases []string
}

// StatusText is one entry of a provider's message table.
type StatusText struct {
	Status int
	Text   string
}

// ByStatus groups message-table entries by HTTP status (in first-seen order)
// and builds one documented answer per status with mk.
func ByStatus(entries []StatusText, mk func(status int, texts []string) Response) []Response {
	var order []int
	texts := map[int][]string{}
	for _, e := range entries {
		if _, ok := texts[e.Status]; !ok {
			order = append(order, e.Status)
		}
		texts[e.Status] = append(texts[e.Status], e.Text)
	}
	out := make([]Response, 0, len(order))
	for _, st := range order {
		r := mk(st, texts[st])
		r.Status, r.Errors = st, texts[st]
		out = append(out, r)
	}
	return out
}

// Param is one parameter with the constraints its reader enforces.
type Param struct {
	Name        string
	In          string // "path" for a path template parameter; else query or body
	Type        string // "string" (default), "integer", "number", "boolean"; "scalar" = string or number
	Format      string
	Pattern     string
	Required    bool
	Enum        []string
	Default     string
	MinLength   int
	MaxLength   int
	Minimum     *float64
	Maximum     *float64
	Description string
}

// Response is one documented answer.
type Response struct {
	Status      int
	ContentType string // "" means application/json; NoContent means an empty body
	Description string
	Schema      Schema
	Example     any
	// Errors are the exact texts this answer can carry (with %s/%d where the
	// provider fills in a name); the schema's message pattern is built from them.
	Errors []string
}

// NoContent is the ContentType of an answer without a body (a redirect after POST).
const NoContent = "-"

// Schema is a JSON Schema (OpenAPI 3.0 dialect) fragment.
type Schema map[string]any

// Num returns a pointer to f, for Param bounds.
func Num(f float64) *float64 { return &f }

// Str is a string schema.
func Str() Schema { return Schema{"type": "string"} }

// Int is an integer schema.
func Int() Schema { return Schema{"type": "integer"} }

// NumberS is a number schema.
func NumberS() Schema { return Schema{"type": "number"} }

// Bool is a boolean schema.
func Bool() Schema { return Schema{"type": "boolean"} }

// Const is a string schema that allows only the given values.
func Const(vals ...string) Schema {
	e := make([]any, len(vals))
	for i, v := range vals {
		e[i] = v
	}
	return Schema{"type": "string", "enum": e}
}

// Nullable marks s nullable.
func Nullable(s Schema) Schema {
	out := Schema{}
	for k, v := range s {
		out[k] = v
	}
	out["nullable"] = true
	return out
}

// Array is an array of items.
func Array(items Schema) Schema { return Schema{"type": "array", "items": items} }

// Map is an object with any keys whose values are v.
func Map(v Schema) Schema { return Schema{"type": "object", "additionalProperties": v} }

// AnyObject is an object of any shape.
func AnyObject() Schema { return Schema{"type": "object"} }

// Obj builds an object schema from name/schema pairs; every property is
// required unless its name ends in "?".
func Obj(kv ...any) Schema {
	props := Schema{}
	var req []any
	for i := 0; i+1 < len(kv); i += 2 {
		name := kv[i].(string)
		opt := strings.HasSuffix(name, "?")
		name = strings.TrimSuffix(name, "?")
		props[name] = kv[i+1]
		if !opt {
			req = append(req, name)
		}
	}
	s := Schema{"type": "object", "properties": props}
	if len(req) > 0 {
		s["required"] = req
	}
	return s
}

// AnyOf is a schema matching at least one of the alternatives.
func AnyOf(alts ...Schema) Schema {
	a := make([]any, len(alts))
	for i, s := range alts {
		a[i] = s
	}
	return Schema{"anyOf": a}
}

// Texts is a string schema matching exactly one of the texts; %s, %d and
// %v in a text stand for the value the provider fills in.
func Texts(texts ...string) Schema {
	return Schema{"type": "string", "pattern": TextPattern(texts...)}
}

var verb = regexp.MustCompile(`%[sdv]`)

// TextPattern is the anchored regular expression (ECMA and RE2 alike) that
// matches exactly the given message texts.
func TextPattern(texts ...string) string {
	alts := make([]string, 0, len(texts))
	seen := map[string]bool{}
	for _, t := range texts {
		if seen[t] {
			continue
		}
		seen[t] = true
		parts := verb.Split(t, -1)
		verbs := verb.FindAllString(t, -1)
		var b strings.Builder
		for i, p := range parts {
			b.WriteString(quote(p))
			if i < len(verbs) {
				if verbs[i] == "%d" {
					b.WriteString(`-?[0-9]+`)
				} else {
					b.WriteString(`[\s\S]*`)
				}
			}
		}
		alts = append(alts, b.String())
	}
	return "^(?:" + strings.Join(alts, "|") + ")$"
}

// quote escapes regular-expression syntax the way both RE2 and ECMA read it
// (regexp.QuoteMeta escapes characters ECMA's unicode mode refuses).
func quote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Fill replaces a text's %s/%d verbs with args, as the provider would.
func Fill(text string, args ...any) string { return fmt.Sprintf(text, args...) }

// Collect returns the descriptions of the providers that describe themselves, in order.
func Collect[P any](providers []P) []API {
	var out []API
	for _, p := range providers {
		if d, ok := any(p).(Describer); ok {
			out = append(out, d.Describe())
		}
	}
	return out
}

// Find returns the description of the provider named name.
func Find(apis []API, name string) (API, bool) {
	for _, a := range apis {
		if a.Name == name {
			return a, true
		}
	}
	return API{}, false
}

// Names lists the described providers.
func Names(apis []API) []string {
	out := make([]string, len(apis))
	for i, a := range apis {
		out[i] = a.Name
	}
	return out
}

// Sample is a ready-to-send request for the sample account.
type Sample struct {
	Method  string `json:"method"`
	URL     string `json:"url"`
	Headers []Pair `json:"headers"`
	Body    string `json:"body,omitempty"`
}

// SignFunc computes the signing variables of one request (the Go twin of
// the Postman pre-request script): it reads and sets vars, and may call
// draft to see the request as it stands.
type SignFunc func(e Endpoint, vars map[string]string, draft func() Sample, now time.Time) error

// RealOrigin is https:// and the first real host name of the site named
// site in d: the registry's descriptor is the one place host names live.
func RealOrigin(d handlers.Descriptor, site string) string {
	for _, s := range d.Sites {
		if s.Name == site && len(s.Hosts) > 0 {
			return "https://" + s.Hosts[0]
		}
	}
	return ""
}
