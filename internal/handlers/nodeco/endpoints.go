package nodeco

// Endpoints names the API functions of this flavour (the function table),
// the two link routes and "unknown": what the handlers record in the journal.
func (p *Provider) Endpoints() []string {
	out := make([]string, 0, len(functions)+3)
	for name, fn := range functions {
		if fn.nodeOnly && p.flavour != NodeCo {
			continue
		}
		out = append(out, name)
	}
	return append(out, "virtualmonitor", "snapshot_download", "unknown")
}
