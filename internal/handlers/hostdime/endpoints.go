package hostdime

// Endpoints names the dotted methods of the method table, plus "unknown" for
// a method the table lacks: what serve records in the journal.
func (p *Provider) Endpoints() []string {
	out := make([]string, 0, len(p.methods)+1)
	for name := range p.methods {
		out = append(out, name)
	}
	return append(out, "unknown")
}
