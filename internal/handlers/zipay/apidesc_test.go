package zipay

import (
	"testing"

	"github.com/mocksuite/mocksuite/internal/apidesc/apitest"
)

// TestDescribedMethodsAreTheMethodTable keeps the description in step with
// the methods table: a method added there must be described.
func TestDescribedMethodsAreTheMethodTable(t *testing.T) {
	order, docs := describedMethods()
	apitest.Documents(t, docs, apitest.InStep(t, methods, order))
}
