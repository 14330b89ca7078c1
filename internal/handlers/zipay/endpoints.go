package zipay

// Endpoints names the API methods (the method table), the IP echo, the
// payer's invoice page and its form, and "unknown": what the journal records.
func (p *Provider) Endpoints() []string {
	out := make([]string, 0, len(methods)+4)
	for name := range methods {
		out = append(out, name)
	}
	return append(out, "ip", "invoice_v1.show", "invoice_v1.submit", "unknown")
}
