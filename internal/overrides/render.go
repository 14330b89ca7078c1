package overrides

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"text/template"
	"time"

	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// TemplateData is what the templates of a response see.
type TemplateData struct {
	Params  map[string]string // request parameters: query, form, multipart, JSON body top-level fields
	Headers map[string]string // request headers by canonical name (first value)
	Now     string            // the mock clock, RFC 3339
	NowUnix int64
}

// parseTemplate parses s when it holds an action; plain text needs none.
func parseTemplate(path, s string) (*template.Template, error) {
	if !strings.Contains(s, "{{") {
		return nil, nil
	}
	// A missing parameter renders as "", not "<no value>".
	t, err := template.New(path).Option("missingkey=zero").Parse(s)
	if err != nil {
		return nil, fieldError(path, "template does not parse: %v", err)
	}
	return t, nil
}

// compileValue returns v with every templated string replaced by its parsed
// template; path names the field in errors (response.json.data.message).
func compileValue(path string, v any) (any, error) {
	switch x := v.(type) {
	case string:
		t, err := parseTemplate(path, x)
		if err != nil || t == nil {
			return x, err
		}
		return t, nil
	case jsonv.Object:
		out := make(jsonv.Object, len(x))
		for i, m := range x {
			c, err := compileValue(path+"."+m.Key, m.Value)
			if err != nil {
				return nil, err
			}
			out[i] = jsonv.Member{Key: m.Key, Value: c}
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			c, err := compileValue(fmt.Sprintf("%s[%d]", path, i), e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	default:
		return v, nil
	}
}

// renderValue executes the templates of a compiled value.
func renderValue(v any, data TemplateData) (any, error) {
	switch x := v.(type) {
	case *template.Template:
		return execute(x, data)
	case jsonv.Object:
		out := make(jsonv.Object, len(x))
		for i, m := range x {
			r, err := renderValue(m.Value, data)
			if err != nil {
				return nil, err
			}
			out[i] = jsonv.Member{Key: m.Key, Value: r}
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := renderValue(e, data)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	default:
		return v, nil
	}
}

func execute(t *template.Template, data TemplateData) (string, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("%s: %w", t.Name(), err)
	}
	return b.String(), nil
}

// templateData collects what a template may use from the request.
func templateData(req *request, now time.Time) TemplateData {
	h := make(map[string]string, len(req.r.Header))
	for k, vs := range req.r.Header {
		if len(vs) > 0 {
			h[http.CanonicalHeaderKey(k)] = vs[0]
		}
	}
	return TemplateData{Params: req.params, Headers: h, Now: now.UTC().Format(time.RFC3339), NowUnix: now.Unix()}
}
