package gempay_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly signed order in place of the
// emulator (nothing charged, nothing stored) and is never asked about a
// request the emulator refuses.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	rec := &hooktest.Recorder{}
	h := hooktest.Serve(t, s, "gempay", rec)

	r := h.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "HOOK-1"), orderHeaders(keyReseller, "HOOK-1", 15000, t0)...)
	assert.Equal(t, 299, r.Status)
	assert.Equal(t, hooktest.Answer, r.Body)
	assert.Equal(t, []string{"gempay /api/order"}, rec.Calls())
	assert.Equal(t, int64(1000000), balance(t, s, keyReseller), "an answer of the hook charges nothing")
	assert.Equal(t, "order", lastEntry(t, s).Endpoint)

	// Signed over the wrong price: the documented refusal stands.
	r = h.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "HOOK-2"), orderHeaders(keyReseller, "HOOK-2", 99, t0)...)
	assertResp(t, r, 401, errBody(401, "Invalid hash combination"))
	assert.Equal(t, "signature_mismatch", lastEntry(t, s).Reason)
	assert.Len(t, rec.Calls(), 1, "the hook is not consulted for a bad signature")

	// The ref_id the hook answered was never stored: the emulator accepts it.
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "HOOK-1"), orderHeaders(keyReseller, "HOOK-1", 15000, t0)...)
	assert.Equal(t, 200, r.Status, r.Body)
}
