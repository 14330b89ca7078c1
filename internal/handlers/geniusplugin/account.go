package geniusplugin

import (
	"net/http"
)

// connection tells a reseller that its IP and key are accepted; reaching it
// means authentication passed.
func (p *Provider) connection(w http.ResponseWriter, r *http.Request, c *call) {
	writeStatus(w, r, "", msgOK)
}

// getcredit prints the reseller's credit as "OK - 1500.26".
func (p *Provider) getcredit(w http.ResponseWriter, r *http.Request, c *call) {
	credit, err := p.d.Store.GPCredit(r.Context(), c.reseller.ID)
	if err != nil {
		p.fail(w, r, c, err)
		return
	}
	writeStatus(w, r, "", msgCredit, formatCents(credit))
}
