package admin

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
)

//go:embed ui/*.html ui/*.css
var uiFS embed.FS

// StateView is one table of provider state on the dashboard: the cells are
// shown as text, escaped.
type StateView struct {
	Title   string
	Columns []string
	Rows    [][]string
}

// StateViewer is implemented by providers that show their state (orders,
// servers, invoices, …) on the dashboard page /__admin/ui/state/{provider}.
// It is the extension point for state pages: the dashboard itself never reads
// provider tables.
type StateViewer interface {
	StateViews(ctx context.Context) ([]StateView, error)
}

// outcomes are the journal outcomes, in the order the filters offer them.
var outcomes = []string{journal.OutcomeOK, journal.OutcomeRejected, journal.OutcomeError, journal.OutcomeFault, journal.OutcomeOverride}

// pages are parsed once; each page is the layout plus its own content block.
var pages = func() map[string]*template.Template {
	funcs := template.FuncMap{
		"stamp": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000") },
	}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(uiFS, "ui/layout.html"))
	out := map[string]*template.Template{}
	for _, name := range []string{"overview", "requests", "state", "faults", "overrides"} {
		t := template.Must(template.Must(base.Clone()).ParseFS(uiFS, "ui/"+name+".html"))
		out[name] = t
	}
	return out
}()

var uiCSS = func() template.CSS {
	b, err := uiFS.ReadFile("ui/style.css")
	if err != nil {
		panic("admin: embedded style.css missing: " + err.Error()) // a build without it is broken
	}
	return template.CSS(b)
}()

func (a *api) mountUI(r chi.Router) {
	// Forms of other sites must not reset the mock of a developer who has the
	// dashboard open: state-changing posts accept same-origin browsers only.
	csrf := http.NewCrossOriginProtection()
	// /__admin itself is where people type their way to the dashboard.
	r.Get("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/__admin/ui", http.StatusFound)
	})
	r.Get("/ui", a.uiOverview)
	r.Get("/ui/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/__admin/ui", http.StatusMovedPermanently)
	})
	r.Get("/ui/requests", a.uiRequests)
	r.Get("/ui/state/{provider}", a.uiState)
	a.mountReference(r)
	r.Method(http.MethodPost, "/ui/clock", csrf.Handler(http.HandlerFunc(a.uiClock)))
	r.Method(http.MethodPost, "/ui/reset", csrf.Handler(http.HandlerFunc(a.uiReset)))
	a.mountFaultsUI(r, csrf)
	a.mountOverridesUI(r, csrf)
}

// page is what every page template gets.
type page struct {
	Title     string
	Active    string
	CSS       template.CSS
	Providers []string
	Back      string // where forms on the page return to
	Clock     clockBadge
	Content   any
}

func (a *api) render(w http.ResponseWriter, r *http.Request, name, title string, content any) {
	a.renderStatus(w, r, http.StatusOK, name, title, content)
}

// renderStatus is render with another status (a form sent back with its error).
func (a *api) renderStatus(w http.ResponseWriter, r *http.Request, status int, name, title string, content any) {
	p := page{Title: title, Active: name, CSS: uiCSS, Back: r.URL.RequestURI(), Content: content, Providers: a.providerNames(), Clock: a.clockBadge()}
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout.html", p); err != nil {
		a.d.Logger.Error("dashboard template failed", "page", name, "err", err)
		WriteError(w, http.StatusInternalServerError, "dashboard: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type providerRow struct {
	Name, BaseURL, Host, HostURL string
	Credentials                  []handlers.Credential
	HasState                     bool
}

type overview struct {
	Version string
	Clock   clockBadge
	Rows    []providerRow
	Total   int
	Counts  []outcomeCount
}

type outcomeCount struct {
	Outcome string
	N       int
}

func (a *api) uiOverview(w http.ResponseWriter, r *http.Request) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	realHost := map[string]string{}
	for h, name := range a.d.Hosts {
		realHost[name] = h
	}
	v := overview{Version: a.d.Version, Clock: a.clockBadge(), Total: a.d.Journal.Count(journal.Filter{})}
	for _, p := range a.d.Providers {
		row := providerRow{Name: p.Name(), BaseURL: scheme + "://" + r.Host + "/" + p.Name(), Host: realHost[p.Name()], Credentials: a.d.Credentials[p.Name()]}
		if row.Host != "" {
			row.HostURL = "https://" + row.Host
		}
		_, row.HasState = p.(StateViewer)
		v.Rows = append(v.Rows, row)
	}
	for _, o := range outcomes {
		v.Counts = append(v.Counts, outcomeCount{o, a.d.Journal.Count(journal.Filter{Outcome: o})})
	}
	a.render(w, r, "overview", "Overview", v)
}

type requestsView struct {
	Provider, Outcome   string
	Providers, Outcomes []string
	Limit               int
	Entries             []journal.Entry
	Total               int
}

func (a *api) uiRequests(w http.ResponseWriter, r *http.Request) {
	f, err := a.filterFrom(r)
	if err != nil {
		WriteError(w, http.StatusBadRequest, err.Error())
		return
	}
	if f.Limit == 0 {
		f.Limit = 200 // a page a browser still renders quickly
	}
	v := requestsView{Provider: f.Provider, Outcome: f.Outcome, Outcomes: outcomes, Limit: f.Limit, Providers: a.providerNames(),
		Entries: a.d.Journal.List(f), Total: a.d.Journal.Count(journal.Filter{Provider: f.Provider, Endpoint: f.Endpoint, Outcome: f.Outcome})}
	a.render(w, r, "requests", "Requests", v)
}

type stateView struct {
	Provider string
	Views    []StateView
	Err      string
	Pending  bool
}

func (a *api) uiState(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "provider")
	i := slices.IndexFunc(a.d.Providers, func(p handlers.Provider) bool { return p.Name() == name })
	if i < 0 {
		WriteError(w, http.StatusNotFound, fmt.Sprintf("unknown provider %q", name))
		return
	}
	v := stateView{Provider: name}
	if sv, ok := a.d.Providers[i].(StateViewer); ok {
		views, err := sv.StateViews(r.Context())
		if err != nil {
			a.d.Logger.Error("state view failed", "provider", name, "err", err)
			v.Err = err.Error()
		}
		v.Views = views
	} else {
		v.Pending = true
	}
	a.render(w, r, "state", name+" state", v)
}

// back is where a dashboard form returns to: a dashboard page, never elsewhere.
func back(r *http.Request) string {
	b := r.PostFormValue("back")
	if strings.HasPrefix(b, "/__admin/ui") && !strings.ContainsAny(b, "\\\r\n") {
		return b
	}
	return "/__admin/ui"
}

// uiClock moves the mock clock from the dashboard (set=TIME, advance=1m or
// resume=true) and returns to the page (post, redirect, get).
func (a *api) uiClock(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		WriteError(w, http.StatusBadRequest, "bad form: "+err.Error())
		return
	}
	switch {
	case r.PostForm.Has("set"):
		s := strings.TrimSpace(r.PostForm.Get("set"))
		t, err := parseFormTime(s)
		if err != nil {
			WriteError(w, http.StatusBadRequest, fmt.Sprintf("set: %q is not a time like 2024-09-14T23:03:00Z (RFC 3339, or UTC without the zone)", s))
			return
		}
		a.d.Clock.Set(t)
	case r.PostForm.Has("advance"):
		s := r.PostForm.Get("advance")
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			WriteError(w, http.StatusBadRequest, fmt.Sprintf("advance: %q is not a non-negative Go duration", s))
			return
		}
		a.d.Clock.Advance(d)
	case r.PostForm.Has("resume"):
		if ok, err := strconv.ParseBool(r.PostForm.Get("resume")); err != nil || !ok {
			WriteError(w, http.StatusBadRequest, "resume: only true is meaningful")
			return
		}
		a.d.Clock.Resume()
	default:
		WriteError(w, http.StatusBadRequest, `give "set" (a time), "advance" (Go duration) or "resume" (true)`)
		return
	}
	http.Redirect(w, r, back(r), http.StatusSeeOther)
}

func (a *api) uiReset(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		WriteError(w, http.StatusBadRequest, "bad form: "+err.Error())
		return
	}
	if err := a.doReset(r.Context(), r.PostForm.Get("provider")); err != nil {
		status := http.StatusInternalServerError
		var unknown errUnknownProvider
		if errors.As(err, &unknown) {
			status = http.StatusNotFound
		}
		WriteError(w, status, err.Error())
		return
	}
	http.Redirect(w, r, back(r), http.StatusSeeOther)
}

func (a *api) providerNames() []string {
	out := make([]string, 0, len(a.d.Providers))
	for _, p := range a.d.Providers {
		out = append(out, p.Name())
	}
	return out
}
