package hostdime

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"

	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// Endpoints names the API methods as overrides and faults spell them.
func (p *Provider) Endpoints() []string {
	out := make([]string, 0, len(p.methods))
	for name := range p.methods {
		out = append(out, name)
	}
	return out
}

// overrideOutput is the format the path asks for and, for JSON, a valid
// JSONP callback from the form or the query, as admit reads them.
func overrideOutput(r *http.Request) output {
	out := output{format: parsePath(r.URL.Path).outFormat()}
	if out.format != fmtJSON {
		return out
	}
	var body []byte
	if r.GetBody != nil {
		if rc, err := r.GetBody(); err == nil {
			body, _ = io.ReadAll(rc)
			_ = rc.Close()
		}
	}
	cb := lastValues(parseForm(string(body)))["callback"]
	if cb == "" {
		cb = r.URL.Query().Get("callback")
	}
	if validCallback(cb) {
		out.callback = cb
	}
	return out
}

// OverrideHeaders are the headers writeEnvelope sends in the asked format.
func (p *Provider) OverrideHeaders(r *http.Request) http.Header {
	probe := handlers.NewProbe()
	writeEnvelope(probe, overrideOutput(r), http.StatusOK, object{})
	return probe.SentHeaders()
}

// EncodeOverride writes v as HostDime writes its envelope in the format the
// path asks for: PHP-style JSON (JSONP with a callback), XML under <xml> or YAML.
func (p *Provider) EncodeOverride(r *http.Request, v any) ([]byte, error) {
	out := overrideOutput(r)
	hv := hostdimeValue(v)
	if top, ok := hv.(object); ok {
		probe := handlers.NewProbe()
		writeEnvelope(probe, out, http.StatusOK, top)
		return probe.Body.Bytes(), nil
	}
	// A bare value (a list, a string) has no envelope fields to lay out.
	switch out.format {
	case fmtXML:
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<xml>")
		if list, ok := hv.([]any); ok {
			for _, e := range list {
				writeXMLElem(&b, "item", e)
			}
		} else {
			_ = xml.EscapeText(&b, []byte(jsonv.Text(v)))
		}
		b.WriteString("</xml>")
		return b.Bytes(), nil
	case fmtYAML:
		b, err := yaml.Marshal(yamlNode(hv))
		if err != nil {
			return nil, fmt.Errorf("hostdime: yaml: %w", err)
		}
		return b, nil
	default:
		body := renderJSON(hv)
		if out.callback != "" {
			body = append(append([]byte(out.callback+"("), body...), ");"...)
		}
		return body, nil
	}
}

// hostdimeValue turns a jsonv value into the envelope's value kinds. The
// envelope has integers only: a fractional number is sent as its text.
func hostdimeValue(v any) any {
	switch x := v.(type) {
	case jsonv.Object:
		o := make(object, len(x))
		for i, m := range x {
			o[i] = field{m.Key, hostdimeValue(m.Value)}
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = hostdimeValue(e)
		}
		return out
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		return string(x)
	default:
		return v // nil, bool, string
	}
}
