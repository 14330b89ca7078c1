package admin

import (
	"crypto/subtle"
	"html/template"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// GuardConfig is what the control plane's access guards need.
type GuardConfig struct {
	// Token, when set, is required as "Authorization: Bearer <token>" (or the
	// dashboard's cookie) on every route but GET /__admin/health.
	Token string
	// Hosts are Host names accepted besides loopback and the listen address.
	Hosts []string
	// ListenAddr is the configured listen address ("127.0.0.1:8080", "0.0.0.0:8080").
	ListenAddr string
}

// TokenCookie keeps the dashboard's token: HttpOnly (no script reads it) and
// SameSite=Strict (no other site's page sends it).
const TokenCookie = "mocksuite_admin_token"

const (
	healthPath = "/__admin/health"
	uiPrefix   = "/__admin/ui"
	loginPath  = "/__admin/ui/login"
)

var loginPage = template.Must(template.New("login.html").ParseFS(uiFS, "ui/login.html"))

// Guard wraps the /__admin router with the checks that make it safe to leave
// running: a Host allow-list against DNS rebinding, refusal of cross-site
// state changes, JSON-only writes (so no HTML form or text/plain fetch reaches
// them without a CORS preflight) and, when configured, the admin token.
// GET /__admin/health passes untouched so container health checks keep working.
func Guard(cfg GuardConfig, next http.Handler) http.Handler {
	g := &guard{cfg: cfg, hosts: map[string]bool{}}
	for _, h := range cfg.Hosts {
		if h = hostOnly(strings.TrimSpace(h)); h != "" {
			g.hosts[h] = true
		}
	}
	if host, _, err := net.SplitHostPort(cfg.ListenAddr); err == nil {
		if a, err := netip.ParseAddr(host); err == nil && a.IsUnspecified() {
			g.anyIP = true // 0.0.0.0: reached by any of the machine's addresses
		} else if host != "" {
			g.hosts[hostOnly(host)] = true
		}
	}
	csrf := http.NewCrossOriginProtection()
	g.login = csrf.Handler(http.HandlerFunc(g.postLogin))
	g.next = next
	return g
}

type guard struct {
	cfg   GuardConfig
	hosts map[string]bool
	anyIP bool
	login http.Handler
	next  http.Handler
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == healthPath && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		g.next.ServeHTTP(w, r)
		return
	}
	if !g.hostAllowed(r.Host) {
		Errorf(w, http.StatusForbidden, "host %q is not allowed on the control plane: add it to admin_hosts", r.Host)
		return
	}
	unsafe := r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions
	if unsafe {
		if msg := crossSite(r); msg != "" {
			WriteError(w, http.StatusForbidden, msg)
			return
		}
	}
	if r.URL.Path == loginPath {
		g.serveLogin(w, r)
		return
	}
	if g.cfg.Token != "" && !g.authorized(r) {
		if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, uiPrefix) {
			http.Redirect(w, r, loginPath+"?back="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="mocksuite"`)
		WriteError(w, http.StatusUnauthorized, "admin token required")
		return
	}
	// Dashboard forms post form-encoded and have their own cross-origin
	// protection; every other write is JSON.
	if unsafe && !strings.HasPrefix(r.URL.Path, uiPrefix+"/") && !jsonOrEmpty(r) {
		Errorf(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json, not %q", r.Header.Get("Content-Type"))
		return
	}
	g.next.ServeHTTP(w, r)
}

// hostAllowed accepts loopback names and addresses, the listen address,
// admin_hosts and, when listening on every interface, any IP literal: a DNS
// rebinding attack always arrives with the attacker's host name.
func (g *guard) hostAllowed(hostport string) bool {
	h := hostOnly(hostport)
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || g.hosts[h] {
		return true
	}
	a, err := netip.ParseAddr(strings.Trim(h, "[]"))
	if err != nil {
		return false
	}
	return a.IsLoopback() || g.anyIP
}

func hostOnly(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(strings.Trim(h, "[]"), "."))
}

// crossSite names why a state-changing request comes from another site, or "".
func crossSite(r *http.Request) string {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return "cross-site request refused (Sec-Fetch-Site: cross-site)"
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return ""
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Host, r.Host) {
		return "cross-site request refused: Origin " + origin + " does not match Host " + r.Host
	}
	return ""
}

// jsonOrEmpty is true for an application/json body, or for a request that
// carries neither a body nor a Content-Type (POST /__admin/reset).
func jsonOrEmpty(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return r.ContentLength == 0
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

func (g *guard) authorized(r *http.Request) bool {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, ok := strings.Cut(h, " ")
		return ok && strings.EqualFold(scheme, "Bearer") && g.tokenOK(strings.TrimSpace(tok))
	}
	c, err := r.Cookie(TokenCookie)
	return err == nil && g.tokenOK(c.Value)
}

func (g *guard) tokenOK(tok string) bool {
	return subtle.ConstantTimeCompare([]byte(tok), []byte(g.cfg.Token)) == 1
}

// serveLogin asks for the token once; the answer is kept in a cookie.
func (g *guard) serveLogin(w http.ResponseWriter, r *http.Request) {
	switch {
	case g.cfg.Token == "":
		http.Redirect(w, r, uiPrefix, http.StatusSeeOther)
	case r.Method == http.MethodPost:
		g.login.ServeHTTP(w, r)
	case r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		data := struct {
			CSS    template.CSS
			Back   string
			Failed bool
		}{uiCSS, loginBack(r.URL.Query().Get("back")), r.URL.Query().Has("failed")}
		if err := loginPage.Execute(w, data); err != nil {
			WriteError(w, http.StatusInternalServerError, "dashboard: "+err.Error())
		}
	default:
		Errorf(w, http.StatusMethodNotAllowed, "method %s not allowed on %s", r.Method, r.URL.Path)
	}
}

func (g *guard) postLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		WriteError(w, http.StatusBadRequest, "bad form: "+err.Error())
		return
	}
	next := loginBack(r.PostForm.Get("back"))
	tok := strings.TrimSpace(r.PostForm.Get("token"))
	if !g.tokenOK(tok) {
		http.Redirect(w, r, loginPath+"?failed=1&back="+url.QueryEscape(next), http.StatusSeeOther)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: tok, Path: "/__admin", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// loginBack keeps the return address on the dashboard.
func loginBack(b string) string {
	if strings.HasPrefix(b, uiPrefix) && !strings.HasPrefix(b, loginPath) && !strings.ContainsAny(b, "\\\r\n") {
		return b
	}
	return uiPrefix
}
