package gempay_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly signed order in place of the
// emulator (nothing charged, nothing stored) and is never asked about a
// request the emulator refuses.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	hooktest.Run(t, s, hooktest.Case{
		Provider: "gempay",
		Accepted: []hooktest.Request{func(t *testing.T, h *apptest.Server) apptest.Response {
			r := h.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "HOOK-1"), orderHeaders(keyReseller, "HOOK-1", 15000, t0)...)
			assert.Equal(t, "order", lastEntry(t, s).Endpoint)
			return r
		}},
		Calls: []string{"gempay /api/order"},
		Unchanged: func(t *testing.T) {
			assert.Equal(t, int64(1000000), balance(t, s, keyReseller), "an answer of the hook charges nothing")
		},
		// Signed over the wrong price: the documented refusal stands.
		Refused: []func(*testing.T, *apptest.Server){func(t *testing.T, h *apptest.Server) {
			r := h.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "HOOK-2"), orderHeaders(keyReseller, "HOOK-2", 99, t0)...)
			assertResp(t, r, 401, errBody(401, "Invalid hash combination"))
			assert.Equal(t, "signature_mismatch", lastEntry(t, s).Reason)
		}},
	})

	// The ref_id the hook answered was never stored: the emulator accepts it.
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "HOOK-1"), orderHeaders(keyReseller, "HOOK-1", 15000, t0)...)
	assert.Equal(t, 200, r.Status, r.Body)
}
