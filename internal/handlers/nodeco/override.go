package nodeco

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/overrides/jsonv"
)

// Endpoints names the API functions of this flavour as overrides and faults
// spell them.
func (p *Provider) Endpoints() []string {
	out := make([]string, 0, len(functions))
	for name, fn := range functions {
		if !fn.nodeOnly || p.flavour == NodeCo {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// overrideFormat is the format= the request asked for. An override may
// answer before the provider read the parameters; it reads them then, the
// way the provider does.
func overrideFormat(r *http.Request) format {
	if r.Form == nil {
		if params, err := readParams(r); err == nil {
			r.Form = params
		}
	}
	return formatOf(r)
}

// OverrideHeaders are the headers writeEnvelope sends in the asked format.
func (p *Provider) OverrideHeaders(r *http.Request) http.Header {
	probe := handlers.NewProbe()
	writeEnvelope(probe, overrideFormat(r), http.StatusOK, codeOK, msgRead, nil)
	return probe.SentHeaders()
}

// EncodeOverride writes v as NODE writes its envelope: PHP's json_encode, or
// for format=xml the top-level fields as root-less sibling elements (lists as
// <record> items).
func (p *Provider) EncodeOverride(r *http.Request, v any) ([]byte, error) {
	if overrideFormat(r) != formatXML {
		return jsonv.Encode(v, jsonv.StylePHP), nil
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
	top, ok := v.(jsonv.Object)
	if !ok {
		b.WriteString(xmlText(jsonv.Text(v)) + "\n")
		return []byte(b.String()), nil
	}
	for _, m := range top {
		writeXMLElement(&b, m.Key, xmlValue(m.Value), 0)
		b.WriteString("\n")
	}
	return []byte(b.String()), nil
}

// xmlValue turns a jsonv value into the envelope's value kinds.
func xmlValue(v any) any {
	switch x := v.(type) {
	case jsonv.Object:
		o := &object{}
		for _, m := range x {
			o.add(m.Key, xmlValue(m.Value))
		}
		return o
	case []any:
		o := &object{list: true}
		for i, e := range x {
			o.add(strconv.Itoa(i), xmlValue(e))
		}
		return o
	case json.Number:
		return number(x)
	default:
		return jsonv.Text(v)
	}
}
