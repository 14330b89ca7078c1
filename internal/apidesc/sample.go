package apidesc

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Signed builds the endpoint's sample request against origin (the mock's
// scheme://host), signed for the sample account at now.
func Signed(a API, e Endpoint, origin string, now time.Time) (Sample, error) {
	vars := map[string]string{"baseUrl": origin}
	for _, v := range a.Variables {
		vars[v.Name] = v.Value
	}
	draft := func() Sample { return layout(a, e, origin, vars) }
	if a.Sign != nil {
		if err := a.Sign(e, vars, draft, now); err != nil {
			return Sample{}, fmt.Errorf("apidesc: sign %s %s: %w", a.Name, e.ID, err)
		}
	}
	return draft(), nil
}

// layout lays the request out exactly as the Postman collection does.
func layout(a API, e Endpoint, origin string, vars map[string]string) Sample {
	sub := func(s string) string {
		return varRef.ReplaceAllStringFunc(s, func(m string) string {
			if v, ok := vars[m[2:len(m)-2]]; ok {
				return v
			}
			return m
		})
	}
	path := e.Path
	var headers []Pair
	var fields []string
	for _, p := range e.Example {
		switch {
		case isPathParam(e, p.Name):
			path = strings.ReplaceAll(path, "{"+p.Name+"}", sub(p.Value))
		case isHeader(a, e, p.Name):
			headers = append(headers, Pair{p.Name, sub(p.Value)})
		case e.Body == "json":
			fields = append(fields, jsonField(p.Name, sub(p.Value)))
		default:
			fields = append(fields, p.Name+"="+sub(p.Value))
		}
	}
	s := Sample{Method: e.Method, URL: origin + "/" + a.Name + path, Headers: headers}
	switch e.Body {
	case "form":
		s.Headers = append(s.Headers, Pair{"Content-Type", "application/x-www-form-urlencoded"})
		s.Body = strings.Join(fields, "&")
	case "json":
		s.Headers = append(s.Headers, Pair{"Content-Type", "application/json"})
		s.Body = "{" + strings.Join(fields, ",") + "}"
	default:
		if len(fields) > 0 {
			s.URL += "?" + strings.Join(fields, "&")
		}
	}
	return s
}

func jsonField(k, v string) string {
	kb, _ := marshal(k)
	vb, _ := marshal(v)
	return string(kb) + ":" + string(vb)
}

// Query returns the query string of a sample's URL.
func (s Sample) Query() string {
	_, q, _ := strings.Cut(s.URL, "?")
	return q
}

// Path returns the path of a sample's URL.
func (s Sample) Path() string {
	u, err := url.Parse(s.URL)
	if err != nil {
		return ""
	}
	return u.Path
}

// Field returns the first value of a form or query field of the sample.
func (s Sample) Field(name string) string {
	src := s.Body
	if s.Method == "GET" {
		src = s.Query()
	}
	for _, part := range strings.Split(src, "&") {
		k, v, _ := strings.Cut(part, "=")
		if k == name {
			if d, err := url.QueryUnescape(v); err == nil {
				return d
			}
			return v
		}
	}
	return ""
}
