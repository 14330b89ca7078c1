package apidesc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// doc is a JSON object whose keys keep their insertion order, so the
// documents read top-down (openapi, info, servers, paths, …) and are
// byte-stable between runs.
type doc []kv

type kv struct {
	k string
	v any
}

func (d doc) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range d {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(f.k)
		if err != nil {
			return nil, fmt.Errorf("apidesc: key %q: %w", f.k, err)
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(f.v)
		if err != nil {
			return nil, fmt.Errorf("apidesc: value of %q: %w", f.k, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// marshal encodes v without HTML escaping: the documents are read by people
// and tools, never embedded in a page as raw JSON.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// render is marshal, indented.
func render(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("apidesc: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

var varRef = regexp.MustCompile(`\{\{([A-Za-z0-9_]+)\}\}`)

// Resolve replaces {{name}} references with the provider's variable defaults
// (values computed at signing time have a sample default there).
func Resolve(a API, s string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-2]
		if name == "baseUrl" {
			return SampleOrigin
		}
		for _, v := range a.Variables {
			if v.Name == name {
				return v.Value
			}
		}
		return m
	})
}

// SampleOrigin stands for the mock's origin in static examples.
const SampleOrigin = "http://127.0.0.1:8080"

func isPathParam(e Endpoint, name string) bool {
	for _, p := range e.Params {
		if p.Name == name && p.In == "path" {
			return true
		}
	}
	return false
}
