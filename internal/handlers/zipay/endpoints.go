package zipay

// PageEndpoints names what the journal records besides Endpoints: the IP
// echo, the payer's invoice page and its form, and "unknown".
func (p *Provider) PageEndpoints() []string {
	return []string{"ip", "invoice_v1.show", "invoice_v1.submit", "unknown"}
}
