package geniusplugin

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/store"
)

// list reports the package status of the domain and that it exists.
func (p *Provider) list(r *http.Request, c *call) ([][2]string, *failure) {
	pkg, err := p.d.Store.GPPackage(r.Context(), c.reseller.ID, c.domain)
	if store.IsNotFound(err) {
		return nil, handlers.Refuse(msgNotFoundCap, fmt.Sprintf("reseller %d has no package for %q", c.reseller.ID, c.domain))
	}
	if err != nil {
		return nil, p.fail(c, err)
	}
	return [][2]string{{"status", pkg.Status}, {"exist", "exists"}}, nil
}

// autoregister creates a package for the domain, paid from credit, and
// hands out its license token.
func (p *Provider) autoregister(r *http.Request, c *call) ([][2]string, *failure) {
	pkg, email := field(c.form, "package"), field(c.form, "uemail")
	if !p.cat.known(pkg) {
		return nil, handlers.Refuse(msgInvalidPackage, fmt.Sprintf("package %q is none of %s", pkg, strings.Join(p.cat.names(), ", ")))
	}
	if !validDomain(strings.ToLower(c.domain)) {
		return nil, handlers.Refuse(msgInvalidDomain, fmt.Sprintf("%q is not a domain name", c.domain))
	}
	if !validEmail(email) {
		return nil, handlers.Refuse(msgInvalidEmail, fmt.Sprintf("uemail %q is not an e-mail address", email))
	}
	password, f := p.password(c)
	if f != nil {
		return nil, f
	}
	token := p.d.IDs.Hex(40)
	now := p.d.Clock.Now()
	f = p.run(r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return p.cat.planRegister(cur, pkg, email, password, token, now)
	})
	if f != nil {
		return nil, f
	}
	return [][2]string{{"status", text(msgOK)}, {"token", token}}, nil
}

// suspend suspends the package.
func (p *Provider) suspend(r *http.Request, c *call) ([][2]string, *failure) {
	return p.apply(r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return planSetStatus(cur, "suspended", msgNotFoundCap)
	})
}

// activate unsuspends the package.
func (p *Provider) activate(r *http.Request, c *call) ([][2]string, *failure) {
	return p.apply(r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return planSetStatus(cur, "active", msgNotFound)
	})
}

// remove deletes the package.
func (p *Provider) remove(r *http.Request, c *call) ([][2]string, *failure) {
	return p.apply(r, c, planDelete)
}

// packageupdate upgrades the package and sets its status.
func (p *Provider) packageupdate(r *http.Request, c *call) ([][2]string, *failure) {
	status, pkg := field(c.form, "status"), field(c.form, "package")
	if status != "active" && status != "suspended" && status != "cancelled" {
		return nil, handlers.Refuse(msgInvalidStatus, fmt.Sprintf("status %q is none of active, suspended, cancelled", status))
	}
	if !p.cat.known(pkg) {
		return nil, handlers.Refuse(msgInvalidPackage, fmt.Sprintf("package %q is none of %s", pkg, strings.Join(p.cat.names(), ", ")))
	}
	now := p.d.Clock.Now()
	return p.apply(r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return p.cat.planUpdate(cur, pkg, status, now)
	})
}

// renew charges another month and extends the expiry.
func (p *Provider) renew(r *http.Request, c *call) ([][2]string, *failure) {
	now := p.d.Clock.Now()
	return p.apply(r, c, func(cur *store.GPPackage) (store.GPChange, error) {
		return p.cat.planRenew(cur, now)
	})
}
