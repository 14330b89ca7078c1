package apitest

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// InStep checks that a provider's description keeps step with its dispatch
// table (endpoints, methods, functions): described names exactly the
// table's entries, in any order, so an entry added to the table must be
// described. It returns the names, sorted.
func InStep[V any](t testing.TB, table map[string]V, described []string) []string {
	t.Helper()
	names := slices.Sorted(maps.Keys(table))
	require.Equal(t, names, slices.Sorted(slices.Values(described)))
	return names
}

// Documents checks that docs (a description table: summaries, errors, …)
// has an entry for every one of names.
func Documents[D any](t testing.TB, docs map[string]D, names []string) {
	t.Helper()
	for _, n := range names {
		require.Contains(t, docs, n)
	}
}
