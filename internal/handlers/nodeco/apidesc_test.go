package nodeco

import (
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDescribedOrderIsTheFunctionsTable keeps the description in step with
// the functions table: a function added there must be described.
func TestDescribedOrderIsTheFunctionsTable(t *testing.T) {
	var names []string
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	described := slices.Clone(describedOrder)
	sort.Strings(described)
	require.Equal(t, names, described)
	docs := (&Provider{flavour: NodeCo}).describedFunctions()
	for _, n := range names {
		require.Contains(t, docs, n)
	}
}
