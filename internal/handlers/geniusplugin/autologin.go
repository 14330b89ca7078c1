package geniusplugin

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// The docs mention auto-login into three places without giving their URLs
// (spec §7). The mock serves them as browser links signed like API calls:
//
//	GET /autologin/{admin|account|client}?domain=…&hash=…&timestamp=…
//
// and answers 302 to a page of the mock that names the dashboard and account.
// A browser follows these links from the end user's address, not the
// reseller's server, so the key is found by trying every reseller's key
// instead of by source IP.

// dashboards names each auto-login target.
var dashboards = map[string]string{
	"admin":   "Reseller admin dashboard",
	"account": "Reseller admin's GP account",
	"client":  "Client dashboard",
}

func (p *Provider) autologin(w http.ResponseWriter, r *http.Request) {
	dash := chi.URLParam(r, "dashboard")
	if _, ok := dashboards[dash]; !ok {
		journal.SetEndpoint(r.Context(), "autologin")
		p.page(w, r, http.StatusNotFound, journal.ReasonNotFound, fmt.Sprintf("%q is none of admin, account, client", dash), pageData{Title: "Unknown dashboard"})
		return
	}
	journal.SetEndpoint(r.Context(), "autologin."+dash)
	q := r.URL.Query()
	if id, args, missing := missingCommon(q); missing != "" {
		p.page(w, r, http.StatusBadRequest, journal.ReasonMissingParam, "missing field(s): "+missing, pageData{Title: text(id, args...)})
		return
	}
	domain, ts, hash := q.Get("domain"), q.Get("timestamp"), q.Get("hash")
	if !validTimestamp(ts) {
		p.page(w, r, http.StatusForbidden, journal.ReasonTimeWindow, fmt.Sprintf("timestamp %q is not 1 to 10 digits", ts), pageData{Title: text(msgInvalidTimestamp)})
		return
	}
	resellers, err := p.d.Store.GPResellers(r.Context())
	if err != nil {
		p.d.Logger.Error("geniusplugin: autologin", "err", err)
		p.page(w, r, http.StatusInternalServerError, journal.ReasonInternal, err.Error(), pageData{Title: text(msgError)})
		return
	}
	var who *store.GPReseller
	var explain []string
	for i := range resellers {
		res := verify.VerifyGeniusplugin(resellers[i].APIKey, domain, ts, hash)
		if res.OK {
			who = &resellers[i]
			break
		}
		explain = append(explain, fmt.Sprintf("reseller %d: %s", resellers[i].ID, res.Explain()))
	}
	if who == nil {
		p.page(w, r, http.StatusForbidden, journal.ReasonBadSignature, strings.Join(explain, " | "), pageData{Title: text(msgInvalidHash)})
		return
	}
	cfg := p.cfg
	if cfg.StrictTimestamp && !timestampNear(ts, p.d.Clock.Now(), cfg.TimestampWindow) {
		p.page(w, r, http.StatusForbidden, journal.ReasonTimeWindow, "strict_timestamp: timestamp digits are not near the mock clock", pageData{Title: text(msgInvalidTimestamp)})
		return
	}
	if handlers.AfterAuth(w, r) {
		return
	}
	target := url.Values{"reseller": {strconv.FormatInt(who.ID, 10)}}
	if dash == "client" {
		if _, err := p.d.Store.GPPackage(r.Context(), who.ID, domain); err != nil {
			p.page(w, r, http.StatusNotFound, journal.ReasonNotFound, fmt.Sprintf("reseller %d has no package for %q", who.ID, domain), pageData{Title: text(msgNotFound)})
			return
		}
		target.Set("domain", strings.ToLower(domain))
	}
	http.Redirect(w, r, handlers.BaseURL(r)+"/dashboard/"+dash+"?"+target.Encode(), http.StatusFound)
}

// dashboard is the page an auto-login link lands on: it says which dashboard
// and which account the link stood for.
func (p *Provider) dashboard(w http.ResponseWriter, r *http.Request) {
	dash := chi.URLParam(r, "dashboard")
	journal.SetEndpoint(r.Context(), "dashboard")
	title, ok := dashboards[dash]
	if !ok {
		p.page(w, r, http.StatusNotFound, journal.ReasonNotFound, fmt.Sprintf("%q is none of admin, account, client", dash), pageData{Title: "Unknown dashboard"})
		return
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("reseller"), 10, 64)
	if err != nil {
		p.page(w, r, http.StatusNotFound, journal.ReasonNotFound, "no reseller id", pageData{Title: "Unknown reseller"})
		return
	}
	res, err := p.d.Store.GPReseller(r.Context(), id)
	if err != nil {
		p.page(w, r, http.StatusNotFound, journal.ReasonNotFound, err.Error(), pageData{Title: "Unknown reseller"})
		return
	}
	data := pageData{Title: "GeniusPlugin mock: " + title, Dashboard: title,
		Rows: [][2]string{{"Reseller", fmt.Sprintf("%s (#%d)", res.Name, res.ID)}}}
	switch dash {
	case "admin", "account":
		data.Rows = append(data.Rows, [2]string{"Credit", formatCents(res.CreditCents)})
		if dash == "admin" {
			if data.Packages, err = p.d.Store.GPPackages(r.Context(), id); err != nil {
				p.d.Logger.Error("geniusplugin: dashboard", "err", err)
				p.page(w, r, http.StatusInternalServerError, journal.ReasonInternal, err.Error(), pageData{Title: text(msgError)})
				return
			}
		}
	case "client":
		pkg, err := p.d.Store.GPPackage(r.Context(), id, r.URL.Query().Get("domain"))
		if err != nil {
			p.page(w, r, http.StatusNotFound, journal.ReasonNotFound, "no such package", pageData{Title: text(msgNotFound)})
			return
		}
		data.Packages = []store.GPPackage{pkg}
	}
	p.page(w, r, http.StatusOK, "", "", data)
}

type pageData struct {
	Title     string
	Dashboard string
	Rows      [][2]string
	Packages  []store.GPPackage
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body>
<h1>{{.Title}}</h1>
{{if .Dashboard}}<p>This page of the mock stands for the GeniusPlugin {{.Dashboard}}.</p>{{end}}
{{range .Rows}}<p>{{index . 0}}: {{index . 1}}</p>
{{end}}{{if .Packages}}<table>
<tr><th>Domain</th><th>Package</th><th>Status</th><th>E-mail</th><th>Expires</th></tr>
{{range .Packages}}<tr><td>{{.Domain}}</td><td>{{.Package}}</td><td>{{.Status}}</td><td>{{.Email}}</td><td>{{.ExpiresAt.Format "2006-01-02"}}</td></tr>
{{end}}</table>
{{end}}</body></html>
`))

// page renders an HTML page; a non-empty reason files the exchange as refused.
func (p *Provider) page(w http.ResponseWriter, r *http.Request, status int, reason journal.Reason, explanation string, data pageData) {
	if reason != "" {
		handlers.Verdict(r.Context(), status, reason, explanation)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := pageTmpl.Execute(w, data); err != nil {
		p.d.Logger.Error("geniusplugin: render page", "err", err)
	}
}
