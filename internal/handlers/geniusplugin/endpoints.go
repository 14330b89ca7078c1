package geniusplugin

// PageEndpoints names what the journal records besides Endpoints: the
// auto-login link per dashboard and the page it lands on, "autologin" for an
// unknown dashboard and "unknown" for an unknown endpoint.
func (p *Provider) PageEndpoints() []string {
	out := make([]string, 0, len(dashboards)+3)
	for dash := range dashboards {
		out = append(out, "autologin."+dash)
	}
	return append(out, "autologin", "dashboard", "unknown")
}
