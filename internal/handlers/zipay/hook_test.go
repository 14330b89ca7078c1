package zipay_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly signed call in place of the
// emulator (no exchange happens) and is never asked about a call with a bad
// api_sign.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	rec := &hooktest.Recorder{}
	h := hooktest.Serve(t, s, "zipay", rec)
	before := balances(t, s, mainKey, mainSecret)

	r := call(t, h, "exchange", "amount=1&from_currency=USD&to_currency=IRT", mainKey, mainSecret)
	assert.Equal(t, 299, r.Status)
	assert.Equal(t, hooktest.Answer, r.Body)
	assert.Equal(t, []string{"zipay /api/exchange"}, rec.Calls())
	assert.Equal(t, before, balances(t, s, mainKey, mainSecret), "the hook's answer changed nothing")

	r = call(t, h, "exchange", "amount=1&from_currency=USD&to_currency=IRT", mainKey, "not-the-secret")
	expect(t, r, 403, errBody(403, "auth", "INVALID_API_SIGN"))
	assert.Len(t, rec.Calls(), 1, "the hook is not consulted for a bad signature")
}
