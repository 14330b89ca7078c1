package geniusplugin

import (
	"net/http"
)

// connection tells a reseller that its IP and key are accepted; reaching it
// means authentication passed.
func (p *Provider) connection(_ *http.Request, _ *call) ([][2]string, *failure) {
	return status(msgOK), nil
}

// getcredit prints the reseller's credit as "OK - 1500.26".
func (p *Provider) getcredit(r *http.Request, c *call) ([][2]string, *failure) {
	credit, err := p.d.Store.GPCredit(r.Context(), c.reseller.ID)
	if err != nil {
		return nil, p.fail(c, err)
	}
	return status(msgCredit, formatCents(credit)), nil
}
