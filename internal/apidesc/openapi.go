package apidesc

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// OpenAPI renders the provider's OpenAPI 3.0.3 document. base is this mock's
// URL for the provider (scheme://host/prefix); the real origin follows it.
func OpenAPI(a API, base string) ([]byte, error) {
	a, err := withExamples(a)
	if err != nil {
		return nil, err
	}
	servers := []any{doc{{"url", base}, {"description", "this mock"}}}
	if a.RealOrigin != "" {
		servers = append(servers, doc{{"url", a.RealOrigin}, {"description", "the real service"}})
	}
	tags, paths := []any{}, doc{}
	seenTag := map[string]bool{}
	byPath := map[string]doc{}
	var order []string
	for _, e := range a.Endpoints {
		if !seenTag[e.Tag] {
			seenTag[e.Tag] = true
			tags = append(tags, doc{{"name", e.Tag}})
		}
		if _, ok := byPath[e.Path]; !ok {
			order = append(order, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], kv{strings.ToLower(e.Method), operation(a, e)})
		for i, alias := range e.Aliases {
			if _, ok := byPath[alias]; !ok {
				order = append(order, alias)
			}
			ae := e
			ae.ID = e.ID + "Alias" + strconv.Itoa(i+1)
			ae.Summary = e.Summary + " (also served at " + alias + ")"
			byPath[alias] = append(byPath[alias], kv{strings.ToLower(e.Method), operation(a, ae)})
		}
	}
	for _, p := range order {
		paths = append(paths, kv{p, byPath[p]})
	}
	schemes := securitySchemes(a)
	out := doc{
		{"openapi", "3.0.3"},
		{"info", doc{
			{"title", a.Title},
			{"version", a.Version},
			{"description", a.Description + "\n\n## Signing\n\n" + a.Signature.Recipe},
		}},
		{"servers", servers},
		{"tags", tags},
		{"paths", paths},
		{"components", doc{{"securitySchemes", schemes}}},
	}
	out = append(out, kv{"x-mocksuite-signature", signatureExt(a.Signature)})
	if len(a.Unrouted) > 0 {
		out = append(out, kv{"x-mocksuite-unrouted", responses(a.Unrouted)})
	}
	if a.QueryAndBody {
		out = append(out, kv{"x-mocksuite-query-and-body", true})
	}
	return render(out)
}

func signatureExt(s Signature) doc {
	d := doc{{"algorithm", s.Algorithm}, {"inputs", s.Inputs}, {"encoding", s.Encoding}, {"placement", s.Placement}}
	if s.Notes != "" {
		d = append(d, kv{"notes", s.Notes})
	}
	return d
}

// securitySchemes maps the credentials that OpenAPI can express (headers,
// query) to schemes; credentials inside the body are documented as required
// body fields and in x-mocksuite-signature instead.
func securitySchemes(a API) doc {
	schemes := doc{}
	for _, c := range a.Security {
		id := schemeID(c.Name)
		switch {
		case c.Scheme == "bearer":
			schemes = append(schemes, kv{id, doc{{"type", "http"}, {"scheme", "bearer"}, {"description", c.Description}}})
		case c.In == "header" || c.In == "query":
			schemes = append(schemes, kv{id, doc{{"type", "apiKey"}, {"in", c.In}, {"name", c.Name}, {"description", c.Description}}})
		}
	}
	return schemes
}

func schemeID(name string) string {
	return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(name))
}

func operation(a API, e Endpoint) doc {
	op := doc{{"operationId", e.ID}, {"tags", []string{e.Tag}}, {"summary", e.Summary}}
	if e.Description != "" {
		op = append(op, kv{"description", e.Description})
	}
	var params []any
	for _, h := range e.Headers {
		params = append(params, paramDoc(h, "header"))
	}
	var body []Param
	for _, p := range e.Params {
		switch {
		case p.In == "path":
			p.Required = true
			params = append(params, paramDoc(p, "path"))
		case e.Body == "":
			params = append(params, paramDoc(p, "query"))
		default:
			body = append(body, p)
		}
	}
	if len(params) > 0 {
		op = append(op, kv{"parameters", params})
	}
	if e.Body != "" {
		ct := "application/x-www-form-urlencoded"
		if e.Body == "json" {
			ct = "application/json"
		}
		media := doc{{"schema", bodySchema(body)}}
		if ex := exampleBody(a, e); ex != nil {
			media = append(media, kv{"example", ex})
		}
		content := doc{{ct, media}}
		if e.Multipart {
			content = append(content, kv{"multipart/form-data", doc{{"schema", bodySchema(body)}}})
		}
		if e.AnyContentType {
			content = append(content, kv{"*/*", doc{{"schema", doc{{"type", "string"}, {"description", "read as " + ct + " whatever the Content-Type"}}}}})
		}
		required := false
		for _, p := range body {
			required = required || p.Required
		}
		op = append(op, kv{"requestBody", doc{{"required", required}, {"content", content}}})
	}
	op = append(op, kv{"responses", responses(e.Responses)})
	sec := []any{}
	if len(e.Auth) > 0 {
		req := doc{}
		for _, name := range e.Auth {
			for _, c := range a.Security {
				if c.Name == name && (c.Scheme == "bearer" || c.In == "header" || c.In == "query") {
					req = append(req, kv{schemeID(c.Name), []string{}})
				}
			}
		}
		if len(req) > 0 {
			sec = append(sec, req)
		}
	}
	op = append(op, kv{"security", sec})
	var errs []any
	for _, r := range e.Responses {
		for _, t := range r.Errors {
			errs = append(errs, doc{{"status", r.Status}, {"text", t}})
		}
	}
	if len(errs) > 0 {
		op = append(op, kv{"x-mocksuite-errors", errs})
	}
	if len(e.Example) > 0 {
		ex := doc{}
		for _, p := range e.Example {
			ex = append(ex, kv{p.Name, Resolve(a, p.Value)})
		}
		op = append(op, kv{"x-mocksuite-sample", ex})
	}
	return op
}

func exampleBody(a API, e Endpoint) any {
	if len(e.Example) == 0 {
		return nil
	}
	ex := doc{}
	for _, p := range e.Example {
		if isHeader(a, e, p.Name) || isPathParam(e, p.Name) {
			continue
		}
		var v any = Resolve(a, p.Value)
		for _, q := range e.Params {
			if q.Name == p.Name && q.Type == "integer" {
				if n, err := strconv.Atoi(Resolve(a, p.Value)); err == nil {
					v = n
				}
			}
		}
		ex = append(ex, kv{p.Name, v})
	}
	return ex
}

func paramSchema(p Param) doc {
	t := p.Type
	if t == "" {
		t = "string"
	}
	if t == "scalar" {
		// A JSON field read as a string or a number alike.
		p.Type = "string"
		return doc{{"anyOf", []any{paramSchema(p), doc{{"type", "number"}}}}}
	}
	s := doc{{"type", t}}
	if p.Format != "" {
		s = append(s, kv{"format", p.Format})
	}
	if len(p.Enum) > 0 {
		s = append(s, kv{"enum", p.Enum})
	}
	if p.Pattern != "" {
		s = append(s, kv{"pattern", p.Pattern})
	}
	if p.MinLength > 0 {
		s = append(s, kv{"minLength", p.MinLength})
	}
	if p.MaxLength > 0 {
		s = append(s, kv{"maxLength", p.MaxLength})
	}
	if p.Minimum != nil {
		s = append(s, kv{"minimum", *p.Minimum})
	}
	if p.Maximum != nil {
		s = append(s, kv{"maximum", *p.Maximum})
	}
	if p.Default != "" {
		var d any = p.Default
		if t == "integer" {
			if n, err := strconv.Atoi(p.Default); err == nil {
				d = n
			}
		}
		s = append(s, kv{"default", d})
	}
	return s
}

func paramDoc(p Param, in string) doc {
	d := doc{{"name", p.Name}, {"in", in}}
	if p.Description != "" {
		d = append(d, kv{"description", p.Description})
	}
	if p.Required {
		d = append(d, kv{"required", true})
	}
	return append(d, kv{"schema", paramSchema(p)})
}

func bodySchema(params []Param) doc {
	props := doc{}
	var req []string
	for _, p := range params {
		s := paramSchema(p)
		if p.Description != "" {
			s = append(s, kv{"description", p.Description})
		}
		props = append(props, kv{p.Name, s})
		if p.Required {
			req = append(req, p.Name)
		}
	}
	out := doc{{"type", "object"}, {"properties", props}}
	if len(req) > 0 {
		out = append(out, kv{"required", req})
	}
	return out
}

// responses groups answers by status; answers of one status with several
// content types share the entry, answers of one status and one content type
// become anyOf alternatives.
func responses(rs []Response) doc {
	type group struct {
		desc  []string
		media map[string][]Response
		cts   []string
	}
	groups := map[int]*group{}
	var codes []int
	for _, r := range rs {
		g, ok := groups[r.Status]
		if !ok {
			g = &group{media: map[string][]Response{}}
			groups[r.Status] = g
			codes = append(codes, r.Status)
		}
		g.desc = append(g.desc, r.Description)
		ct := r.ContentType
		if ct == "" {
			ct = "application/json"
		}
		if _, ok := g.media[ct]; !ok {
			g.cts = append(g.cts, ct)
		}
		g.media[ct] = append(g.media[ct], r)
	}
	sort.Ints(codes)
	out := doc{}
	for _, code := range codes {
		g := groups[code]
		content := doc{}
		for _, ct := range g.cts {
			if ct == NoContent {
				continue
			}
			list := g.media[ct]
			var schema any
			if len(list) == 1 {
				schema = list[0].Schema
			} else {
				var alts []any
				seen := map[string]bool{}
				for _, r := range list {
					b, _ := marshal(r.Schema)
					if !seen[string(b)] {
						seen[string(b)] = true
						alts = append(alts, r.Schema)
					}
				}
				schema = alts[0]
				if len(alts) > 1 {
					schema = Schema{"anyOf": alts}
				}
			}
			media := doc{{"schema", schema}}
			examples := doc{}
			for i, r := range list {
				if r.Example == nil {
					continue
				}
				examples = append(examples, kv{"answer" + strconv.Itoa(i+1), doc{{"summary", r.Description}, {"value", r.Example}}})
			}
			if len(examples) > 0 {
				media = append(media, kv{"examples", examples})
			}
			content = append(content, kv{ct, media})
		}
		desc := strings.Join(uniq(g.desc), "; ")
		if desc == "" {
			desc = http.StatusText(code)
		}
		if len(g.cts) == 1 && g.cts[0] == NoContent {
			out = append(out, kv{strconv.Itoa(code), doc{{"description", desc}}})
			continue
		}
		out = append(out, kv{strconv.Itoa(code), doc{{"description", desc}, {"content", content}}})
	}
	return out
}

func uniq(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
