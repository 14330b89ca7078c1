package hostdime

import (
	"sort"
	"strings"

	"github.com/mocksuite/mocksuite/internal/store"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Domain states. A registered domain whose expiry date has passed by the mock
// clock is listed as expired: the change follows from the stored date.
const (
	domainRegistered = "registered"
	domainExpired    = "expired"
)

// domainStatus is a domain's state as of today (UTC date, YYYY-MM-DD); a
// domain stays registered through its expiry day.
func domainStatus(d store.HostdimeDomain, today string) string {
	if d.Status == domainRegistered && d.Expires < today {
		return domainExpired
	}
	return d.Status
}

// domainList: optional status (registered|expired) and order (asc|desc, by
// domain name) filters, as in the docs' worked example.
func (p *Provider) domainList(c *call) (any, *apiError) {
	status := c.param("status")
	if status != "" && status != domainRegistered && status != domainExpired {
		return nil, fail(errInvalidParam, "status", "status must be registered or expired")
	}
	order := strings.ToLower(c.param("order"))
	if order == "" {
		order = "asc"
	}
	if order != "asc" && order != "desc" {
		return nil, fail(errInvalidParam, "order", "order must be asc or desc")
	}
	list, err := p.d.Store.HostdimeDomains(c.ctx, c.account.ID)
	if err != nil {
		return nil, p.storeErr(c, err, fail(errInternal, "", "domain list"))
	}
	today := c.now.UTC().Format(dateLayout)
	out := make([]any, 0, len(list))
	for _, d := range list {
		st := domainStatus(d, today)
		if status != "" && st != status {
			continue
		}
		out = append(out, object{{"domain", d.Domain}, {"status", st}, {"created", d.Created}, {"expires", d.Expires}})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].(object)[0].v.(string), out[j].(object)[0].v.(string)
		if order == "desc" {
			return a > b
		}
		return a < b
	})
	return out, nil
}

// utilityEcho answers the posted parameters as an object (spec §5.1), without
// the api_* fields, the sandbox flag and the JSONP callback; a repeated name
// keeps its first place and its last value, as PHP's $_POST does.
func (p *Provider) utilityEcho(c *call) (any, *apiError) {
	params := verify.HostdimeHashParams(c.pairs, true)
	out := make(object, 0, len(params))
	for _, kv := range params {
		out = append(out, field{kv[0], kv[1]})
	}
	return out, nil
}
