package geniusplugin

import (
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDescribedOrderIsTheEndpointTable keeps the description in step with
// the endpoint table: an endpoint added there must be described.
func TestDescribedOrderIsTheEndpointTable(t *testing.T) {
	var names []string
	for n := range endpoints {
		names = append(names, n)
		require.Contains(t, describedErrors, n)
		require.Contains(t, summaries, n)
	}
	sort.Strings(names)
	described := slices.Clone(describedOrder)
	sort.Strings(described)
	require.Equal(t, names, described)
}
