package geniusplugin

// Endpoints names the reseller API endpoints (the endpoint table), the
// auto-login links per dashboard and the dashboard page they land on, and
// "autologin"/"unknown" for the refused ones: what the journal records.
func (p *Provider) Endpoints() []string {
	out := make([]string, 0, len(endpoints)+len(dashboards)+3)
	for name := range endpoints {
		out = append(out, name)
	}
	for dash := range dashboards {
		out = append(out, "autologin."+dash)
	}
	return append(out, "autologin", "dashboard", "unknown")
}
