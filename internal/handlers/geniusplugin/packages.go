package geniusplugin

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/mocksuite/mocksuite/internal/store"
)

// list reports the package status of the domain and that it exists.
func (p *Provider) list(w http.ResponseWriter, r *http.Request, c *call) {
	pkg, err := p.d.Store.GPPackage(r.Context(), c.reseller.ID, c.domain)
	if store.IsNotFound(err) {
		writeStatus(w, r, fmt.Sprintf("reseller %d has no package for %q", c.reseller.ID, c.domain), msgNotFoundCap)
		return
	}
	if err != nil {
		p.fail(w, r, c, err)
		return
	}
	writeJSON(w, http.StatusOK, [][2]string{{"status", pkg.Status}, {"exist", "exists"}})
}

// autoregister creates a package for the domain, paid from credit, and
// hands out its license token.
func (p *Provider) autoregister(w http.ResponseWriter, r *http.Request, c *call) {
	pkg, email := field(c.form, "package"), field(c.form, "uemail")
	if !p.cat.known(pkg) {
		writeStatus(w, r, fmt.Sprintf("package %q is none of %s", pkg, strings.Join(p.cat.names(), ", ")), msgInvalidPackage)
		return
	}
	if !validDomain(strings.ToLower(c.domain)) {
		writeStatus(w, r, fmt.Sprintf("%q is not a domain name", c.domain), msgInvalidDomain)
		return
	}
	if !validEmail(email) {
		writeStatus(w, r, fmt.Sprintf("uemail %q is not an e-mail address", email), msgInvalidEmail)
		return
	}
	password, ok := p.password(w, r, c)
	if !ok {
		return
	}
	token := p.d.IDs.Hex(40)
	now := p.d.Clock.Now()
	ok = p.run(w, r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return p.cat.planRegister(cur, pkg, email, password, token, now)
	})
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, [][2]string{{"status", text(msgOK)}, {"token", token}})
}

// suspend suspends the package.
func (p *Provider) suspend(w http.ResponseWriter, r *http.Request, c *call) {
	p.apply(w, r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return planSetStatus(cur, "suspended", msgNotFoundCap)
	})
}

// activate unsuspends the package.
func (p *Provider) activate(w http.ResponseWriter, r *http.Request, c *call) {
	p.apply(w, r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return planSetStatus(cur, "active", msgNotFound)
	})
}

// remove deletes the package.
func (p *Provider) remove(w http.ResponseWriter, r *http.Request, c *call) {
	p.apply(w, r, c, planDelete)
}

// packageupdate upgrades the package and sets its status.
func (p *Provider) packageupdate(w http.ResponseWriter, r *http.Request, c *call) {
	status, pkg := field(c.form, "status"), field(c.form, "package")
	if status != "active" && status != "suspended" && status != "cancelled" {
		writeStatus(w, r, fmt.Sprintf("status %q is none of active, suspended, cancelled", status), msgInvalidStatus)
		return
	}
	if !p.cat.known(pkg) {
		writeStatus(w, r, fmt.Sprintf("package %q is none of %s", pkg, strings.Join(p.cat.names(), ", ")), msgInvalidPackage)
		return
	}
	now := p.d.Clock.Now()
	p.apply(w, r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return p.cat.planUpdate(cur, pkg, status, now)
	})
}

// renew charges another month and extends the expiry.
func (p *Provider) renew(w http.ResponseWriter, r *http.Request, c *call) {
	now := p.d.Clock.Now()
	p.apply(w, r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return p.cat.planRenew(cur, now)
	})
}
