package store

// allSeeders are every provider's seeders, as the provider registry passes
// them to Open in the server (the registry imports store, so tests here
// cannot import it; internal/providers checks that it names each of these).
func allSeeders() []Seeder {
	return []Seeder{NodecoSeeder(), HostdimeSeeder(), GempaySeeder(), GeniuspluginSeeder(), ZipaySeeder()}
}

// Providers names the providers of allSeeders.
func Providers() []string {
	var out []string
	for _, sd := range allSeeders() {
		out = append(out, sd.Provider())
	}
	return out
}
