package store

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
)

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

// openTest opens a store of every provider at path (Memory, or a file in
// t.TempDir()), seeded from the embedded fixtures; it closes when t ends.
func openTest(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, fixtures.FS, allSeeders())
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}
