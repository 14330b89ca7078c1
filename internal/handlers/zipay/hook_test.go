package zipay_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly signed call in place of the
// emulator (no exchange happens) and is never asked about a call with a bad
// api_sign.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	before := balances(t, s, mainKey, mainSecret)
	hooktest.Run(t, s, hooktest.Case{
		Provider: "zipay",
		Accepted: []hooktest.Request{func(t *testing.T, h *apptest.Server) apptest.Response {
			return call(t, h, "exchange", "amount=1&from_currency=USD&to_currency=IRT", mainKey, mainSecret)
		}},
		Calls: []string{"zipay /api/exchange"},
		Unchanged: func(t *testing.T) {
			assert.Equal(t, before, balances(t, s, mainKey, mainSecret), "the hook's answer changed nothing")
		},
		Refused: []func(*testing.T, *apptest.Server){func(t *testing.T, h *apptest.Server) {
			r := call(t, h, "exchange", "amount=1&from_currency=USD&to_currency=IRT", mainKey, "not-the-secret")
			expect(t, r, 403, errBody(403, "auth", "INVALID_API_SIGN"))
		}},
	})
}
