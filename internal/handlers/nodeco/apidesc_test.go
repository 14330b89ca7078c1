package nodeco

import (
	"testing"

	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
)

// TestDescribedOrderIsTheFunctionsTable keeps the description in step with
// the functions table: a function added there must be described.
func TestDescribedOrderIsTheFunctionsTable(t *testing.T) {
	names := apitest.InStep(t, functions, describedOrder)
	apitest.Documents(t, (&Provider{flavour: NodeCo}).describedFunctions(), names)
}
