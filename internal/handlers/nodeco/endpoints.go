package nodeco

// PageEndpoints names what the journal records besides Endpoints: the two
// link routes, and "unknown" for a function or path NODE does not serve.
func (p *Provider) PageEndpoints() []string {
	return []string{"virtualmonitor", "snapshot_download", "unknown"}
}
