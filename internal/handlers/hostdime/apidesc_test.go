package hostdime

import (
	"testing"

	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
)

// TestDescribedOrderIsTheMethodTable keeps the description in step with the
// method table: a method added there must be described.
func TestDescribedOrderIsTheMethodTable(t *testing.T) {
	names := apitest.InStep(t, methodTable(), describedOrder)
	apitest.Documents(t, describedMethods(), names)
}
