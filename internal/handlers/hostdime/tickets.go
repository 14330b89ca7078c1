package hostdime

import (
	"strconv"
	"unicode/utf8"

	"github.com/mocksuite/mocksuite/internal/store"
)

// Ticket limits: no source names any, these keep stored text bounded.
const (
	maxSubject   = 255
	maxTicket    = 65535
	maxShortText = 100
)

// ticketCreate: subject and body (or message) required; department,
// priority and cuid optional. The ticket is stored and its id returned.
func (p *Provider) ticketCreate(c *call) (any, *apiError) {
	subject, e := c.require("subject")
	if e != nil {
		return nil, e
	}
	body := c.param("body")
	if body == "" {
		body = c.param("message")
	}
	if body == "" {
		return nil, fail(errMissingParam, "body", "ticket.create needs body (or message)")
	}
	dept := c.param("department")
	if dept == "" {
		dept = "support"
	}
	prio := c.param("priority")
	if prio == "" {
		prio = "normal"
	}
	for _, chk := range []struct {
		name, v string
		max     int
	}{{"subject", subject, maxSubject}, {"body", body, maxTicket}, {"department", dept, maxShortText}, {"priority", prio, maxShortText}} {
		if !utf8.ValidString(chk.v) || utf8.RuneCountInString(chk.v) > chk.max {
			return nil, fail(errInvalidParam, chk.name, chk.name+" must be valid UTF-8 text of at most "+strconv.Itoa(chk.max)+" characters")
		}
	}
	cuid := c.param("cuid")
	id, err := p.d.Store.HostdimeCreateTicket(c.ctx, store.HostdimeTicket{
		AccountID: c.account.ID, CUID: cuid, Department: dept, Priority: prio,
		Subject: subject, Body: body, Status: "open", CreatedAt: c.now,
	}, c.testing)
	if err != nil {
		return nil, p.storeErr(c, err, fail(errNotFound, cuid, ""))
	}
	return object{{"id", id}}, nil
}
