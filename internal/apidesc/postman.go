package apidesc

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// PostmanSchema is the collection format the output follows.
const PostmanSchema = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"

// Postman renders one v2.1 collection: a folder per provider, a request per
// endpoint, signed by the folder's pre-request script. base is the mock's
// origin (scheme://host:port), the default of the baseUrl variable.
func Postman(apis []API, base string) ([]byte, error) {
	vars := []any{doc{{"key", "baseUrl"}, {"value", base}, {"type", "string"}}}
	var folders []any
	for _, a := range apis {
		for _, v := range a.Variables {
			vars = append(vars, doc{{"key", v.Name}, {"value", v.Value}, {"type", "string"}})
		}
		var items []any
		for _, e := range a.Endpoints {
			if e.SkipPostman {
				continue
			}
			items = append(items, postmanItem(a, e))
		}
		folder := doc{{"name", a.Name}, {"description", a.Title + "\n\n" + a.Signature.Recipe}, {"item", items}}
		if a.Prerequest != "" {
			// The sandbox's global CryptoJS is deprecated in favour of require.
			script := "var CryptoJS = require('crypto-js');\n" + strings.TrimSpace(a.Prerequest)
			folder = append(folder, kv{"event", []any{event("prerequest", script)}})
		}
		folders = append(folders, folder)
	}
	out := doc{
		{"info", doc{
			{"name", "mocksuite provider APIs"},
			{"description", "Every endpoint of the emulated providers, signed by each folder's pre-request script for the fixture accounts. Set baseUrl to the mock (or, with real credentials, read the folder description before pointing it at a real service)."},
			{"schema", PostmanSchema},
		}},
		{"item", folders},
		{"variable", vars},
	}
	return render(out)
}

func event(listen, script string) doc {
	return doc{{"listen", listen}, {"script", doc{{"type", "text/javascript"}, {"exec", strings.Split(strings.TrimSpace(script), "\n")}}}}
}

func postmanItem(a API, e Endpoint) doc {
	path := "/" + a.Name + e.Path
	inPath := map[string]bool{}
	for _, p := range e.Params {
		if p.In == "path" {
			inPath[p.Name] = true
			for _, ex := range e.Example {
				if ex.Name == p.Name {
					path = strings.ReplaceAll(path, "{"+p.Name+"}", ex.Value)
				}
			}
		}
	}
	// A trailing slash stays as an empty last segment: newman builds the URL
	// from the segments, and GeniusPlugin answers a slash-less path with 301.
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	u := doc{{"raw", "{{baseUrl}}" + path}, {"host", []string{"{{baseUrl}}"}}, {"path", segs}}
	var headers []any
	for _, p := range e.Example {
		if isHeader(a, e, p.Name) {
			headers = append(headers, doc{{"key", p.Name}, {"value", p.Value}})
		}
	}
	req := doc{{"method", e.Method}}
	switch e.Body {
	case "form":
		headers = append(headers, doc{{"key", "Content-Type"}, {"value", "application/x-www-form-urlencoded"}})
		var raw []string
		for _, p := range e.Example {
			if isHeader(a, e, p.Name) || inPath[p.Name] {
				continue
			}
			raw = append(raw, p.Name+"="+p.Value)
		}
		// A raw body keeps the exact bytes (and order) that were signed.
		req = append(req, kv{"header", headers}, kv{"body", doc{{"mode", "raw"}, {"raw", strings.Join(raw, "&")}}})
	case "json":
		headers = append(headers, doc{{"key", "Content-Type"}, {"value", "application/json"}})
		var b strings.Builder
		b.WriteByte('{')
		n := 0
		for _, p := range e.Example {
			if isHeader(a, e, p.Name) {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			k, _ := json.Marshal(p.Name)
			b.Write(k)
			b.WriteByte(':')
			if strings.HasPrefix(p.Value, "{{") {
				b.WriteString(`"` + p.Value + `"`)
			} else {
				v, _ := json.Marshal(p.Value)
				b.Write(v)
			}
		}
		b.WriteByte('}')
		req = append(req, kv{"header", headers}, kv{"body", doc{{"mode", "raw"}, {"raw", b.String()}, {"options", doc{{"raw", doc{{"language", "json"}}}}}}})
	default:
		var q []any
		var rq []string
		for _, p := range e.Example {
			if isHeader(a, e, p.Name) || inPath[p.Name] {
				continue
			}
			q = append(q, doc{{"key", p.Name}, {"value", p.Value}})
			rq = append(rq, p.Name+"="+p.Value)
		}
		if len(q) > 0 {
			u = doc{{"raw", "{{baseUrl}}" + path + "?" + strings.Join(rq, "&")}, {"host", []string{"{{baseUrl}}"}}, {"path", segs}, {"query", q}}
		}
		req = append(req, kv{"header", headersOrEmpty(headers)})
	}
	req = append(req, kv{"url", u})
	if e.Description != "" || e.Summary != "" {
		req = append(req, kv{"description", strings.TrimSpace(e.Summary + "\n\n" + e.Description)})
	}
	events := []any{event("test", testScript(e))}
	if e.Script != "" {
		events = append(events, event("prerequest", e.Script))
	}
	item := doc{{"name", e.ID}, {"event", events}, {"request", req}}
	if st := successStatus(e); st >= 300 && st < 400 {
		// The documented answer is the redirect itself.
		item = append(item, kv{"protocolProfileBehavior", doc{{"followRedirects", false}}})
	}
	return item
}

func headersOrEmpty(h []any) []any {
	if h == nil {
		return []any{}
	}
	return h
}

// isHeader reports whether a sample field travels as a header: a declared
// header parameter or a header credential of the provider.
func isHeader(a API, e Endpoint, name string) bool {
	for _, h := range e.Headers {
		if strings.EqualFold(h.Name, name) {
			return true
		}
	}
	for _, c := range a.Security {
		if c.In == "header" && strings.EqualFold(c.Name, name) {
			return true
		}
	}
	return false
}

// testScript asserts the documented success: the status and a key field.
func testScript(e Endpoint) string {
	status := successStatus(e)
	var b strings.Builder
	b.WriteString("pm.test('answers " + strconv.Itoa(status) + "', function () { pm.response.to.have.status(" + strconv.Itoa(status) + "); });\n")
	switch {
	case e.TestText != "":
		b.WriteString("pm.test('body has " + jsString(e.TestText) + "', function () { pm.expect(pm.response.text()).to.include(" + jsString(e.TestText) + "); });\n")
	case e.Test != "":
		b.WriteString("var body = pm.response.json();\n")
		b.WriteString("var got = " + jsString(e.Test) + ".split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, body);\n")
		if e.TestWant != "" {
			b.WriteString("pm.test('" + e.Test + " is " + strings.ReplaceAll(e.TestWant, "'", "") + "', function () { pm.expect(String(got)).to.eql(" + jsString(e.TestWant) + "); });\n")
		} else {
			b.WriteString("pm.test('" + e.Test + " is present', function () { pm.expect(got).to.not.equal(undefined); pm.expect(got).to.not.equal(null); });\n")
		}
	}
	for _, c := range e.Capture {
		b.WriteString("pm.collectionVariables.set(" + jsString(c.Name) + ", String(" + jsString(c.Value) + ".split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, pm.response.json())));\n")
	}
	return b.String()
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return strings.ReplaceAll(string(b), "'", `\u0027`)
}

// successStatus is the first documented answer below 400.
func successStatus(e Endpoint) int {
	for _, r := range e.Responses {
		if r.Status < 400 {
			return r.Status
		}
	}
	return http.StatusOK
}
