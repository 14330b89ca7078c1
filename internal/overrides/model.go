// Package overrides pins chosen responses on provider traffic: an override
// matches requests of one provider (one endpoint, or all), by parameters,
// headers and body text, and answers with the status, headers and body the
// user gave — after the provider has authenticated the request (the default)
// or before any check. Overrides live in the store, come from the admin API,
// a file named in the config, the dashboard or mocktest.
package overrides

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"text/template"

	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// Override is one stored override as the admin API shows it.
type Override struct {
	ID        int64    `json:"id"`
	Provider  string   `json:"provider"`
	Endpoint  string   `json:"endpoint"`
	Match     Match    `json:"match"`
	Response  Response `json:"response"`
	AfterAuth bool     `json:"after_auth"`
	Times     *int     `json:"times"`     // nil: unlimited
	Remaining *int     `json:"remaining"` // uses left; nil: unlimited
	Priority  int      `json:"priority"`
	Hits      int      `json:"hits"`
	Source    string   `json:"source"` // "api" or "file"
	CreatedAt string   `json:"created_at"`
}

// Match lists the conditions a request must meet; empty ones always hold.
type Match struct {
	Params       map[string]string `json:"params,omitempty"`
	Headers      map[string]string `json:"headers,omitempty"`
	BodyContains string            `json:"body_contains,omitempty"`
}

// Response is what an override answers. Exactly one of Body and JSON is set.
type Response struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    *string           `json:"body,omitempty"`
	JSON    json.RawMessage   `json:"json,omitempty"`
}

// Sources of an override.
const (
	SourceAPI  = "api"
	SourceFile = "file"
)

// spec is the input form of an override: the keys POST /__admin/overrides and
// the overrides file accept, and what the store keeps.
type spec struct {
	Provider  string   `json:"provider"`
	Endpoint  string   `json:"endpoint"`
	Match     Match    `json:"match"`
	Response  Response `json:"response"`
	AfterAuth bool     `json:"after_auth"`
	Times     *int     `json:"times"`
	Priority  int      `json:"priority"`
}

func (o Override) spec() spec {
	return spec{o.Provider, o.Endpoint, o.Match, o.Response, o.AfterAuth, o.Times, o.Priority}
}

// compiled is an override ready to answer: its JSON value with every string
// that holds a template replaced by the parsed template.
type compiled struct {
	body *template.Template // for Response.Body, nil when JSON is used
	json any                // jsonv value with *template.Template leaves
}

// fieldError names the field at fault.
func fieldError(path, format string, args ...any) error {
	return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
}

// parse checks raw (one JSON object) against the input keys, naming the first
// bad field, and returns the override it describes with its defaults filled in.
func (g *Registry) parse(raw []byte) (Override, *compiled, error) {
	v, err := jsonv.Decode(raw)
	if err != nil {
		return Override{}, nil, fmt.Errorf("bad JSON body: %w", err)
	}
	top, ok := v.(jsonv.Object)
	if !ok {
		return Override{}, nil, fmt.Errorf("an override must be a JSON object")
	}
	o := Override{AfterAuth: true, Response: Response{Status: http.StatusOK}}
	var resp jsonv.Object
	respSeen := false
	err = readObject("", top,
		member{"provider", into(&o.Provider, asString)},
		member{"endpoint", into(&o.Endpoint, asString)},
		member{"match", into(&o.Match, parseMatch)},
		member{"response", func(path string, v any) error {
			respSeen = true
			var isObject bool
			if resp, isObject = v.(jsonv.Object); !isObject {
				return fieldError(path, "must be an object with status, headers and body or json")
			}
			return nil
		}},
		member{"after_auth", into(&o.AfterAuth, asBool)},
		member{"times", into(&o.Times, asTimes)},
		member{"priority", into(&o.Priority, asInt)},
	)
	if err != nil {
		return o, nil, err
	}
	info, ok := g.providers[o.Provider]
	if o.Provider == "" {
		return o, nil, fieldError("provider", "required: one of %s", strings.Join(g.names, ", "))
	}
	if !ok {
		return o, nil, fieldError("provider", "%q is not one of %s", o.Provider, strings.Join(g.names, ", "))
	}
	if o.Endpoint != "" && !slices.Contains(info.endpoints, o.Endpoint) {
		return o, nil, fieldError("endpoint", "%q is not an endpoint of %s (one of %s)", o.Endpoint, o.Provider, strings.Join(info.endpoints, ", "))
	}
	if !respSeen {
		return o, nil, fieldError("response", "required: an object with status, headers and body or json")
	}
	c, err := parseResponse(resp, &o.Response)
	if err != nil {
		return o, nil, err
	}
	o.Remaining = o.Times
	return o, c, nil
}

// member is one key an input object may have and the reader of its value;
// the reader is given the key's path ("match.params") for its messages.
type member struct {
	key  string
	read func(path string, v any) error
}

// readObject reads obj's keys in document order, each with the reader of its
// member; a key that is no member is refused naming the keys there are. path
// is the object's place in the input, "" for the top.
func readObject(path string, obj jsonv.Object, members ...member) error {
	for _, m := range obj {
		at := m.Key
		if path != "" {
			at = path + "." + m.Key
		}
		i := slices.IndexFunc(members, func(x member) bool { return x.key == m.Key })
		if i < 0 {
			keys := make([]string, len(members))
			for j, x := range members {
				keys[j] = x.key
			}
			return fieldError(at, "unknown key (%s)", strings.Join(keys, ", "))
		}
		if err := members[i].read(at, m.Value); err != nil {
			return err
		}
	}
	return nil
}

// into is the reader that converts a value with conv and stores it in *dst.
func into[T any](dst *T, conv func(path string, v any) (T, error)) func(string, any) error {
	return func(path string, v any) (err error) {
		*dst, err = conv(path, v)
		return err
	}
}

func asString(path string, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fieldError(path, "must be a string")
	}
	return s, nil
}

func asInt(path string, v any) (int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fieldError(path, "must be an integer")
	}
	i, err := n.Int64()
	if err != nil || i < -1<<31 || i > 1<<31-1 {
		return 0, fieldError(path, "%s is not an integer", n)
	}
	return int(i), nil
}

func asBool(path string, v any) (bool, error) {
	b, ok := v.(bool)
	if !ok {
		return false, fieldError(path, "must be true or false")
	}
	return b, nil
}

// asTimes reads how many times an override answers: null is unlimited.
func asTimes(path string, v any) (*int, error) {
	if v == nil {
		return nil, nil
	}
	n, err := asInt(path, v)
	if err == nil && n < 1 {
		err = fieldError(path, "%d must be at least 1 (leave it out for unlimited)", n)
	}
	return &n, err
}

// asStringMap reads an object of scalar values; numbers and booleans count as
// their text, so {"user_id":123456} matches user_id=123456.
func asStringMap(path string, v any) (map[string]string, error) {
	obj, ok := v.(jsonv.Object)
	if !ok {
		return nil, fieldError(path, "must be an object of names to values")
	}
	out := make(map[string]string, len(obj))
	for _, m := range obj {
		switch m.Value.(type) {
		case string, json.Number, bool:
			out[m.Key] = jsonv.Text(m.Value)
		default:
			return nil, fieldError(path+"."+m.Key, "must be a string, number or boolean")
		}
	}
	return out, nil
}

func parseMatch(path string, v any) (Match, error) {
	var out Match
	obj, ok := v.(jsonv.Object)
	if !ok {
		return out, fieldError(path, "must be an object with params, headers or body_contains")
	}
	err := readObject(path, obj,
		member{"params", into(&out.Params, asStringMap)},
		member{"headers", func(path string, v any) (err error) {
			out.Headers, err = asStringMap(path, v)
			for name := range out.Headers {
				if err == nil && !validHeaderName(name) {
					err = fieldError(path, "%q is not a header name", name)
				}
			}
			return err
		}},
		member{"body_contains", into(&out.BodyContains, asString)},
	)
	return out, err
}

func parseResponse(obj jsonv.Object, out *Response) (*compiled, error) {
	var body, js any
	var hasBody, hasJSON bool
	err := readObject("response", obj,
		member{"status", func(path string, v any) (err error) {
			if out.Status, err = asInt(path, v); err == nil && (out.Status < 100 || out.Status > 599) {
				err = fieldError(path, "%d is not an HTTP status between 100 and 599", out.Status)
			}
			return err
		}},
		member{"headers", func(path string, v any) (err error) {
			out.Headers, err = asStringMap(path, v)
			for name, val := range out.Headers {
				switch {
				case err != nil:
				case !validHeaderName(name) || !validHeaderValue(val):
					err = fieldError(path, "%q: %q is not a valid header", name, val)
				case framing[http.CanonicalHeaderKey(name)]:
					err = fieldError(path, "%s is set by the server from the body", name)
				}
			}
			return err
		}},
		member{"body", func(_ string, v any) error { hasBody, body = true, v; return nil }},
		member{"json", func(_ string, v any) error { hasJSON, js = true, v; return nil }},
	)
	if err != nil {
		return nil, err
	}
	switch {
	case hasBody && hasJSON:
		return nil, fieldError("response", "give exactly one of body (a string) or json (any JSON value), not both")
	case !hasBody && !hasJSON:
		return nil, fieldError("response", "give exactly one of body (a string) or json (any JSON value)")
	}
	c := &compiled{}
	if hasBody {
		s, err := asString("response.body", body)
		if err != nil {
			return nil, err
		}
		out.Body = &s
		if c.body, err = parseTemplate("response.body", s); err != nil {
			return nil, err
		}
		return c, nil
	}
	out.JSON = jsonv.Encode(js, jsonv.StylePlain)
	if c.json, err = compileValue("response.json", js); err != nil {
		return nil, err
	}
	return c, nil
}

// framing are the headers that describe the body on the wire: a wrong one
// would break the response, so the server sets them.
var framing = map[string]bool{"Content-Length": true, "Transfer-Encoding": true}

// validHeaderName reports whether s is an HTTP token (RFC 9110 §5.6.2).
func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// validHeaderValue refuses what would split or end a header line.
func validHeaderValue(s string) bool { return !strings.ContainsAny(s, "\r\n\x00") }
