package hostdime

import (
	"net/netip"
	"strings"

	"github.com/mocksuite/mocksuite/internal/store"
)

// serverObject lists the fields the WHMCS module reads (spec §5.2) plus the
// power state, in one fixed order.
func serverObject(s store.HostdimeService) object {
	return object{
		{"cuid", s.CUID},
		{"label", s.Label},
		{"name", s.Name},
		{"status", s.Status},
		{"power", s.Power},
		{"type", s.Type},
		{"ip_main", s.IPMain},
		{"dns", dnsList(s.DNS)},
		{"cpu", s.CPU},
		{"memory", s.Memory},
		{"ssh_port", s.SSHPort},
		{"hard_drives", driveList(s.HardDrives)},
		{"control_panel", s.ControlPanel},
		{"ip_ipmi", s.IPIPMI},
		{"ipmi_password", s.IPMIPassword},
	}
}

// vpsObject lists the fields of spec §5.3 plus name and power state.
func vpsObject(s store.HostdimeService) object {
	return object{
		{"cuid", s.CUID},
		{"name", s.Name},
		{"status", s.Status},
		{"power", s.Power},
		{"memory", s.Memory},
		{"os", s.OS},
		{"control_panel", s.ControlPanel},
		{"ip_main", s.IPMain},
		{"dns", dnsList(s.DNS)},
		{"ssh_port", s.SSHPort},
		{"disk_usage", s.DiskUsage},
		{"disk_quota", s.DiskQuota},
	}
}

func dnsList(l []store.HostdimeDNS) []any {
	out := make([]any, 0, len(l))
	for _, d := range l {
		out = append(out, object{{"dns", d.DNS}, {"ip", d.IP}})
	}
	return out
}

func driveList(l []store.HostdimeDrive) []any {
	out := make([]any, 0, len(l))
	for _, d := range l {
		out = append(out, object{{"size", d.Size}, {"type", d.Type}})
	}
	return out
}

func (p *Provider) serverList(c *call) (any, *apiError) {
	list, err := p.d.Store.HostdimeServices(c.ctx, c.account.ID, store.HostdimeServer)
	if err != nil {
		return nil, p.storeErr(c, err, fail(errInternal, "", "server list"))
	}
	out := make([]any, 0, len(list))
	for _, s := range list {
		out = append(out, serverObject(s))
	}
	return out, nil
}

// service loads the cuid parameter's service of kind for the caller's account.
func (p *Provider) service(c *call, kind string) (store.HostdimeService, *apiError) {
	cuid, e := c.require("cuid")
	if e != nil {
		return store.HostdimeService{}, e
	}
	s, err := p.d.Store.HostdimeService(c.ctx, c.account.ID, kind, cuid)
	if err != nil {
		return s, p.storeErr(c, err, fail(errNotFound, cuid, ""))
	}
	return s, nil
}

func (p *Provider) serverGet(c *call) (any, *apiError) {
	s, e := p.service(c, store.HostdimeServer)
	if e != nil {
		return nil, e
	}
	return serverObject(s), nil
}

func (p *Provider) vpsGet(c *call) (any, *apiError) {
	s, e := p.service(c, store.HostdimeVPS)
	if e != nil {
		return nil, e
	}
	return vpsObject(s), nil
}

// action serves suspend, unsuspend and the power methods: one transaction
// reads the service, applies the rule and writes the new state (nothing is
// written in sandbox mode). The answer is true, as no source shows more.
func action(kind string, act actionKind) func(*Provider, *call) (any, *apiError) {
	return func(p *Provider, c *call) (any, *apiError) {
		cuid, e := c.require("cuid")
		if e != nil {
			return nil, e
		}
		_, err := p.d.Store.HostdimeChangeService(c.ctx, c.account.ID, kind, cuid, c.testing, func(s *store.HostdimeService) error {
			return applyAction(s, act)
		})
		if err != nil {
			return nil, p.storeErr(c, err, fail(errNotFound, cuid, ""))
		}
		return true, nil
	}
}

func rdnsList(kind string) func(*Provider, *call) (any, *apiError) {
	return func(p *Provider, c *call) (any, *apiError) {
		cuid, e := c.require("cuid")
		if e != nil {
			return nil, e
		}
		list, err := p.d.Store.HostdimeRDNS(c.ctx, c.account.ID, kind, cuid)
		if err != nil {
			return nil, p.storeErr(c, err, fail(errNotFound, cuid, ""))
		}
		out := make([]any, 0, len(list))
		for _, r := range list {
			out = append(out, object{{"ip", r.IP}, {"ptr", r.PTR}})
		}
		return out, nil
	}
}

// rdnsUpdate sets the PTR of one of the account's addresses. The WHMCS
// module sends ip and ptr only; a cuid, when sent, must hold the address.
func rdnsUpdate(kind string) func(*Provider, *call) (any, *apiError) {
	return func(p *Provider, c *call) (any, *apiError) {
		ipText, e := c.require("ip")
		if e != nil {
			return nil, e
		}
		ptr, e := c.require("ptr")
		if e != nil {
			return nil, e
		}
		ip, err := netip.ParseAddr(ipText)
		if err != nil || ip.Zone() != "" {
			return nil, fail(errInvalidParam, "ip", "ip "+ipText+" is not an IP address")
		}
		if !validHostname(ptr) {
			return nil, fail(errInvalidParam, "ptr", "ptr must be a host name: letters, digits and hyphens in dot-separated labels of 1-63 characters, 253 at most")
		}
		err = p.d.Store.HostdimeUpdateRDNS(c.ctx, c.account.ID, kind, c.param("cuid"), ip.String(), strings.TrimSuffix(ptr, "."), c.testing)
		if err != nil {
			return nil, p.storeErr(c, err, fail(errIPNotFound, ip.String(), ""))
		}
		return true, nil
	}
}

// validHostname accepts a DNS host name with an optional final dot.
func validHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
