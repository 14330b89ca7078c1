package nodeco

// The catalogue calls take no parameters of their own and answer lookup
// tables keyed by identifier (spec §7.1–7.3), loaded from the fixtures.

func getArchList(c *call) (fnResult, error) { return c.labelTable("arch") }

func getOSVariantList(c *call) (fnResult, error) { return c.labelTable("os_variant") }

func (c *call) labelTable(kind string) (fnResult, error) {
	rows, err := c.q.Catalog(c.flavour, kind)
	if err != nil {
		return fnResult{}, err
	}
	data := obj()
	for _, r := range rows {
		data.add(r.Key, r.Label)
	}
	return fnResult{msgRead, data}, nil
}

func getOSTemplateList(c *call) (fnResult, error) {
	rows, err := c.q.Catalog(c.flavour, "os_template")
	if err != nil {
		return fnResult{}, err
	}
	data := obj()
	for _, r := range rows {
		data.add(r.Key, obj("description", r.Label, "os_variant", r.OSVariant, "arch", r.Arch))
	}
	return fnResult{msgRead, data}, nil
}
