package gempay

import (
	"net/http"
	"sort"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/require"
)

// TestDescribedEndpointsAreTheRoutes walks the router: every route is
// described, and nothing is described that is not routed.
func TestDescribedEndpointsAreTheRoutes(t *testing.T) {
	p := &Provider{}
	var routed []string
	err := chi.Walk(p.Routes().(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routed = append(routed, method+" "+route)
		return nil
	})
	require.NoError(t, err)
	var described []string
	for _, e := range p.Describe().Endpoints {
		described = append(described, e.Method+" "+e.Path)
	}
	sort.Strings(routed)
	sort.Strings(described)
	require.Equal(t, routed, described)
}
