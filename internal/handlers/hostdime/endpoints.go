package hostdime

// PageEndpoints names what the journal records besides Endpoints: "unknown"
// for a method the table lacks.
func (p *Provider) PageEndpoints() []string { return []string{"unknown"} }
