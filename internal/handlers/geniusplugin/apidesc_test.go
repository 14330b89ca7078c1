package geniusplugin

import (
	"testing"

	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
)

// TestDescribedOrderIsTheEndpointTable keeps the description in step with
// the endpoint table: an endpoint added there must be described.
func TestDescribedOrderIsTheEndpointTable(t *testing.T) {
	names := apitest.InStep(t, endpoints, describedOrder)
	apitest.Documents(t, describedErrors, names)
	apitest.Documents(t, summaries, names)
}
