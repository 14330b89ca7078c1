package app

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strings"

	"github.com/mocksuite/mocksuite/internal/providers"
)

// indexDoc is one document the index points a newcomer to, by its path in
// the repository (the server does not serve them).
type indexDoc struct {
	Title string `json:"title"`
	Path  string `json:"path"`
}

var indexDocs = []indexDoc{
	{"Quick start and provider overview", "README.md"},
	{"Each provider: accounts, transcripts, mock choices", "docs/providers/"},
	{"Control plane (the /__admin API and dashboard)", "docs/control-plane.md"},
	{"Design", "docs/DESIGN.md"},
}

type indexProvider struct {
	Name     string `json:"name"`
	BaseURL  string `json:"base_url"`
	RealHost string `json:"real_host"`
}

type indexView struct {
	Name      string          `json:"name"`
	Version   string          `json:"version"`
	Dashboard string          `json:"dashboard"`
	Admin     string          `json:"admin"`
	Health    string          `json:"health"`
	Providers []indexProvider `json:"providers"`
	Docs      []indexDoc      `json:"docs"`
}

// index answers GET /: where the dashboard, the providers and the docs are.
// Browsers (Accept: text/html) get a page, everything else JSON.
func (a *App) index(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host
	v := indexView{Name: "mocksuite", Version: Version, Dashboard: base + "/__admin/ui", Admin: base + "/__admin",
		Health: base + "/__admin/health", Docs: indexDocs}
	real := map[string]string{}
	for host, name := range providers.Hosts() {
		real[name] = host
	}
	for _, p := range a.Providers {
		v.Providers = append(v.Providers, indexProvider{Name: p.Name(), BaseURL: base + "/" + p.Name(), RealHost: real[p.Name()]})
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Add("Vary", "Accept")
	if strings.Contains(r.Header.Get("Accept"), "text/html") {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := indexPage.Execute(w, v); err != nil {
			a.Logger.Error("index page failed", "err", err)
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

var indexPage = template.Must(template.New("index").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>mocksuite {{.Version}}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2em}</style>
</head>
<body>
<h1>mocksuite {{.Version}}</h1>
<p><a id="dashboard" href="{{.Dashboard}}">Open the dashboard</a>: requests with their verdicts, the mock clock, faults, provider state.</p>
<h2>Providers</h2>
<ul id="providers">
{{range .Providers}}<li><a href="{{.BaseURL}}">{{.BaseURL}}</a> (real host <code>{{.RealHost}}</code>)</li>
{{end}}</ul>
<h2>Control plane</h2>
<p><code>{{.Admin}}</code> (JSON API), health at <a href="{{.Health}}">{{.Health}}</a>.</p>
<h2>Docs</h2>
<ul id="docs">
{{range .Docs}}<li>{{.Title}}: <code>{{.Path}}</code> in the repository</li>
{{end}}</ul>
</body>
</html>
`))
