package hostdime

import (
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDescribedOrderIsTheMethodTable keeps the description in step with the
// method table: a method added there must be described.
func TestDescribedOrderIsTheMethodTable(t *testing.T) {
	var names []string
	for n := range methodTable() {
		names = append(names, n)
	}
	sort.Strings(names)
	described := slices.Clone(describedOrder)
	sort.Strings(described)
	require.Equal(t, names, described)
	docs := describedMethods()
	for _, n := range names {
		require.Contains(t, docs, n)
	}
}
