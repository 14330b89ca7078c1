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
	var respSeen bool
	var resp jsonv.Object
	for _, m := range top {
		switch m.Key {
		case "provider":
			o.Provider, err = asString("provider", m.Value)
		case "endpoint":
			o.Endpoint, err = asString("endpoint", m.Value)
		case "match":
			o.Match, err = parseMatch(m.Value)
		case "response":
			respSeen = true
			resp, ok = m.Value.(jsonv.Object)
			if !ok {
				err = fieldError("response", "must be an object with status, headers and body or json")
			}
		case "after_auth":
			b, isBool := m.Value.(bool)
			if !isBool {
				err = fieldError("after_auth", "must be true or false")
			}
			o.AfterAuth = b
		case "times":
			if m.Value == nil {
				o.Times = nil
				break
			}
			var n int
			if n, err = asInt("times", m.Value); err == nil && n < 1 {
				err = fieldError("times", "%d must be at least 1 (leave it out for unlimited)", n)
			}
			o.Times = &n
		case "priority":
			o.Priority, err = asInt("priority", m.Value)
		default:
			err = fieldError(m.Key, "unknown key (provider, endpoint, match, response, after_auth, times, priority)")
		}
		if err != nil {
			return o, nil, err
		}
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

func parseMatch(v any) (Match, error) {
	var out Match
	obj, ok := v.(jsonv.Object)
	if !ok {
		return out, fieldError("match", "must be an object with params, headers or body_contains")
	}
	var err error
	for _, m := range obj {
		switch m.Key {
		case "params":
			out.Params, err = asStringMap("match.params", m.Value)
		case "headers":
			out.Headers, err = asStringMap("match.headers", m.Value)
			for name := range out.Headers {
				if err == nil && !validHeaderName(name) {
					err = fieldError("match.headers", "%q is not a header name", name)
				}
			}
		case "body_contains":
			out.BodyContains, err = asString("match.body_contains", m.Value)
		default:
			err = fieldError("match."+m.Key, "unknown key (params, headers, body_contains)")
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func parseResponse(obj jsonv.Object, out *Response) (*compiled, error) {
	var err error
	var body, js any
	var hasBody, hasJSON bool
	for _, m := range obj {
		switch m.Key {
		case "status":
			if out.Status, err = asInt("response.status", m.Value); err == nil && (out.Status < 100 || out.Status > 599) {
				err = fieldError("response.status", "%d is not an HTTP status between 100 and 599", out.Status)
			}
		case "headers":
			out.Headers, err = asStringMap("response.headers", m.Value)
			for name, val := range out.Headers {
				switch {
				case err != nil:
				case !validHeaderName(name) || !validHeaderValue(val):
					err = fieldError("response.headers", "%q: %q is not a valid header", name, val)
				case framing[http.CanonicalHeaderKey(name)]:
					err = fieldError("response.headers", "%s is set by the server from the body", name)
				}
			}
		case "body":
			hasBody, body = true, m.Value
		case "json":
			hasJSON, js = true, m.Value
		default:
			err = fieldError("response."+m.Key, "unknown key (status, headers, body, json)")
		}
		if err != nil {
			return nil, err
		}
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
