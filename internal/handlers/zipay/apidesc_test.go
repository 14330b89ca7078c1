package zipay

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDescribedMethodsAreTheMethodTable keeps the description in step with
// the methods table: a method added there must be described.
func TestDescribedMethodsAreTheMethodTable(t *testing.T) {
	var names []string
	for n := range methods {
		names = append(names, n)
	}
	sort.Strings(names)
	order, docs := describedMethods()
	sort.Strings(order)
	require.Equal(t, names, order)
	for _, n := range names {
		require.Contains(t, docs, n)
	}
}
