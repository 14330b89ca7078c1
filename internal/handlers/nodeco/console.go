package nodeco

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

// tokenAlphabet draws console tokens and snapshot ids.
const tokenAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

func getVirtualMonitorURL(c *call) (fnResult, error) {
	a, err := c.server("virtual_monitor")
	if err != nil {
		return fnResult{}, err
	}
	mode, err := c.enum("monitor_mode", "full_access", "view_only", "full_access")
	if err != nil {
		return fnResult{}, err
	}
	viewPW, err := c.enum("view_root_password", "yes", "no", "yes")
	if err != nil {
		return fnResult{}, err
	}
	con := store.NodecoConsole{Flavour: c.flavour, Stage: c.stage, ServerID: a.srv.ServerID, UserID: c.acct.UserID}
	for _, u := range []struct {
		name string
		dst  *string
	}{{"branding_logo_url", &con.BrandingLogoURL}, {"home_url", &con.HomeURL}, {"server_detail_url", &con.ServerDetailURL}} {
		if *u.dst, err = c.httpURL(u.name, 100, false); err != nil {
			return fnResult{}, err
		}
	}
	if con.BackgroundColor, err = c.str("branding_background_color", 10, false); err != nil {
		return fnResult{}, err
	}
	if con.BackgroundColor != "" && !isHexColor(con.BackgroundColor) {
		return fnResult{}, refuse(errColorFmt, "branding_background_color")
	}
	if err := notCanceled(a.srv); err != nil {
		return fnResult{}, err
	}
	// A grantee never gets more than the owner granted.
	if !a.owner {
		if a.share.VirtualMonitor != "full_access" {
			mode = "view_only"
		}
		if !granted(a.share, "view_password") {
			viewPW = "no"
		}
	}
	con.MonitorMode, con.ViewRootPassword = mode, viewPW
	con.Token = c.acct.UserID + c.p.d.IDs.String(13, tokenAlphabet)
	con.ExpiresAt = c.now.Add(c.p.cfg.ConsoleTTL).Unix()
	if err := c.q.InsertConsole(con); err != nil {
		return fnResult{}, err
	}
	base := handlers.BaseURL(c.r)
	return fnResult{msgRead, obj(
		"server_id", a.srv.ServerID,
		"virtual_monitor_url", base+"/virtualmonitor/"+a.srv.ServerID+"/"+con.Token,
		"alternative_virtual_monitor_url", base+"/virtualmonitor-alt/"+a.srv.ServerID+"/"+con.Token,
	)}, nil
}

// serveConsole serves the page a virtual monitor link opens: the mock has no
// VNC, so it shows what the link grants, until it expires by the mock clock.
func (p *Provider) serveConsole(alternative bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		journal.SetEndpoint(ctx, "virtualmonitor")
		serverID, token := chi.URLParam(r, "server_id"), chi.URLParam(r, "token")
		var con store.NodecoConsole
		var srv store.NodecoServer
		err := p.d.Store.Nodeco(ctx, func(q *store.NodecoTx) error {
			var err error
			if con, err = q.Console(string(p.flavour), token); err != nil {
				return err
			}
			srv, err = q.Server(con.Flavour, con.Stage, con.ServerID)
			return err
		})
		switch {
		case store.IsNotFound(err) || err == nil && con.ServerID != serverID:
			journal.Reject(ctx, journal.ReasonNotFound, "no virtual monitor link with this token for this server")
			consolePage(w, http.StatusNotFound, "", "<p>This virtual monitor link is not valid.</p>")
			return
		case err != nil:
			p.d.Logger.Error("nodeco console", "err", err)
			journal.Fail(ctx, journal.ReasonInternal, err.Error())
			consolePage(w, http.StatusInternalServerError, "", "<p>Internal server error.</p>")
			return
		}
		if now := p.d.Clock.Now().Unix(); now >= con.ExpiresAt {
			journal.Reject(ctx, journal.ReasonTimeWindow, fmt.Sprintf("virtual monitor link expired at %s (mock time)", fmtTime(con.ExpiresAt)))
			consolePage(w, http.StatusGone, "", "<p>This virtual monitor link has expired. Virtual monitor links are valid for 5 minutes.</p>")
			return
		}
		var b strings.Builder
		bg := ""
		if alternative {
			bg = con.BackgroundColor
			if con.BrandingLogoURL != "" {
				img := `<img src="` + html.EscapeString(con.BrandingLogoURL) + `" height="40" alt="">`
				if con.HomeURL != "" {
					img = `<a href="` + html.EscapeString(con.HomeURL) + `">` + img + `</a>`
				}
				b.WriteString("<header>" + img + "</header>\n")
			}
		}
		fmt.Fprintf(&b, "<h1>Virtual monitor: %s</h1>\n", html.EscapeString(srv.ServerLabel))
		fmt.Fprintf(&b, "<p>Server %s (%s), status %s, mode %s.</p>\n", html.EscapeString(srv.ServerID), html.EscapeString(srv.Hostname),
			html.EscapeString(srv.ServerStatus), html.EscapeString(con.MonitorMode))
		if con.ViewRootPassword == "yes" {
			fmt.Fprintf(&b, "<p>Root password: <code>%s</code></p>\n", html.EscapeString(srv.RootPassword))
		}
		if alternative && con.ServerDetailURL != "" {
			b.WriteString(`<p><a href="` + html.EscapeString(con.ServerDetailURL) + `">Back to Server Detail</a></p>` + "\n")
		}
		consolePage(w, http.StatusOK, bg, b.String())
	}
}

func consolePage(w http.ResponseWriter, status int, bg, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	style := ""
	if bg != "" { // validated as a hex colour when stored
		style = ` style="background:` + bg + `;color:#fff"`
	}
	_, _ = fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Virtual Monitor</title></head><body%s>\n%s</body></html>\n", style, body)
}
