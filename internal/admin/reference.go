package admin

import (
	"bytes"
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/apidesc"
	"github.com/mocksuite/mocksuite/internal/signcli"
)

// The API descriptions (OpenAPI per provider, one Postman collection) and
// the dashboard's Reference page rendered from the same descriptions.

var referencePage = template.Must(template.Must(template.New("layout.html").Funcs(template.FuncMap{}).ParseFS(uiFS, "ui/layout.html")).ParseFS(uiFS, "ui/reference.html"))

// mountReference adds the description routes.
func (a *api) mountReference(r chi.Router) {
	r.Get("/openapi/{file}", a.openAPI)
	r.Get("/postman.json", a.postman)
	r.Get("/ui/reference/{provider}", a.uiReference)
	r.Get("/ui/reference/{provider}/sample", a.referenceSample)
}

func (a *api) descriptions() []apidesc.API { return apidesc.Collect(a.d.Providers) }

// origin is scheme://host the client called the control plane at.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (a *api) describe(w http.ResponseWriter, name string) (apidesc.API, bool) {
	apis := a.descriptions()
	d, ok := apidesc.Find(apis, name)
	if !ok {
		Errorf(w, http.StatusNotFound, "no API description for %q: one of %s", name, strings.Join(apidesc.Names(apis), ", "))
	}
	return d, ok
}

func (a *api) openAPI(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(chi.URLParam(r, "file"), ".json")
	if !ok {
		WriteError(w, http.StatusNotFound, "the OpenAPI documents are served as /__admin/openapi/{provider}.json")
		return
	}
	d, found := a.describe(w, name)
	if !found {
		return
	}
	body, err := apidesc.OpenAPI(d, origin(r)+"/"+d.Name)
	if err != nil {
		Internal(w, a.d.Logger, err)
		return
	}
	writeDocument(w, body)
}

func (a *api) postman(w http.ResponseWriter, r *http.Request) {
	body, err := apidesc.Postman(a.descriptions(), origin(r))
	if err != nil {
		Internal(w, a.d.Logger, err)
		return
	}
	writeDocument(w, body)
}

func writeDocument(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	_, _ = w.Write(append(body, '\n'))
}

// referenceSample answers a freshly signed sample request of one endpoint
// (the page's Send button fetches it, then sends it from the browser).
func (a *api) referenceSample(w http.ResponseWriter, r *http.Request) {
	d, ok := a.describe(w, chi.URLParam(r, "provider"))
	if !ok {
		return
	}
	op := r.URL.Query().Get("op")
	for _, e := range d.Endpoints {
		if e.ID != op {
			continue
		}
		s, err := apidesc.Signed(d, e, origin(r), a.d.Clock.Now())
		if err != nil {
			Internal(w, a.d.Logger, err)
			return
		}
		WriteJSON(w, http.StatusOK, s)
		return
	}
	Errorf(w, http.StatusNotFound, "%s has no endpoint %q", d.Name, op)
}

type referenceView struct {
	Providers                            []string
	Provider, Title, Description, Recipe string
	Signature                            apidesc.Signature
	Endpoints                            []refEndpoint
}

type refEndpoint struct {
	ID, Method, Path, Summary, Description string
	Params                                 []refParam
	Answers                                []refAnswer
	Errors                                 []apidesc.StatusText
	Curl                                   string
	Example                                string // the recorded success answer
}

type refParam struct{ Name, In, Type, Rules, Description string }

type refAnswer struct {
	Status                   int
	ContentType, Description string
}

func (a *api) uiReference(w http.ResponseWriter, r *http.Request) {
	d, ok := a.describe(w, chi.URLParam(r, "provider"))
	if !ok {
		return
	}
	examples, err := apidesc.Examples(d.Name)
	if err != nil {
		Internal(w, a.d.Logger, err)
		return
	}
	v := referenceView{Providers: apidesc.Names(a.descriptions()), Provider: d.Name, Title: d.Title, Description: d.Description, Recipe: d.Signature.Recipe, Signature: d.Signature}
	now := a.d.Clock.Now()
	for _, e := range d.Endpoints {
		re := refEndpoint{ID: e.ID, Method: e.Method, Path: "/" + d.Name + e.Path, Summary: e.Summary, Description: e.Description}
		if ex, ok := examples[e.ID]; ok {
			var b bytes.Buffer
			if json.Indent(&b, ex, "", "  ") == nil {
				re.Example = b.String()
			}
		}
		for _, p := range e.Headers {
			re.Params = append(re.Params, refParamOf(p, "header"))
		}
		for _, p := range e.Params {
			in := p.In
			if in == "" {
				in = map[string]string{"form": "form", "json": "json", "": "query"}[e.Body]
			}
			re.Params = append(re.Params, refParamOf(p, in))
		}
		for _, ans := range e.Responses {
			ct := ans.ContentType
			if ct == "" {
				ct = "application/json"
			}
			re.Answers = append(re.Answers, refAnswer{ans.Status, ct, ans.Description})
			for _, t := range ans.Errors {
				re.Errors = append(re.Errors, apidesc.StatusText{Status: ans.Status, Text: t})
			}
		}
		if len(e.Example) > 0 {
			s, err := apidesc.Signed(d, e, origin(r), now)
			if err != nil {
				Internal(w, a.d.Logger, err)
				return
			}
			headers := make([][2]string, len(s.Headers))
			for i, h := range s.Headers {
				headers[i] = [2]string{h.Name, h.Value}
			}
			re.Curl = signcli.Curl(s.Method, s.URL, headers, s.Body)
		}
		v.Endpoints = append(v.Endpoints, re)
	}
	p := page{Title: d.Name + " reference", Active: "reference", CSS: uiCSS, Back: r.URL.RequestURI(), Content: v, Providers: a.providerNames(), Clock: a.clockBadge()}
	var buf bytes.Buffer
	if err := referencePage.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		a.d.Logger.Error("dashboard template failed", "page", "reference", "err", err)
		WriteError(w, http.StatusInternalServerError, "dashboard: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

func refParamOf(p apidesc.Param, in string) refParam {
	t := p.Type
	if t == "" {
		t = "string"
	}
	var rules []string
	if p.Required || in == "path" {
		rules = append(rules, "required")
	}
	if len(p.Enum) > 0 {
		rules = append(rules, "one of "+strings.Join(p.Enum, ", "))
	}
	if p.MinLength > 0 {
		rules = append(rules, "min length "+strconv.Itoa(p.MinLength))
	}
	if p.MaxLength > 0 {
		rules = append(rules, "max length "+strconv.Itoa(p.MaxLength))
	}
	if p.Minimum != nil && p.Maximum != nil {
		rules = append(rules, "from "+strconv.FormatFloat(*p.Minimum, 'f', -1, 64)+" to "+strconv.FormatFloat(*p.Maximum, 'f', -1, 64))
	}
	if p.Pattern != "" {
		rules = append(rules, "matches "+p.Pattern)
	}
	if p.Format != "" {
		rules = append(rules, p.Format)
	}
	if p.Default != "" {
		rules = append(rules, "default "+p.Default)
	}
	return refParam{Name: p.Name, In: in, Type: t, Rules: strings.Join(rules, "; "), Description: p.Description}
}
