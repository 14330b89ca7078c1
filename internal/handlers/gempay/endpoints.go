package gempay

// Endpoints names what the journal records for each route of Routes (the
// file of each handler sets it): the admin API refuses other names.
func (p *Provider) Endpoints() []string {
	return []string{"products", "order", "cek-status", "check-ml"}
}
