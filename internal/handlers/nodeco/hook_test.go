package nodeco_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// The after-auth hook answers a call with a good checksum in place of the
// emulator and is never asked about one with a bad checksum.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	hooktest.Run(t, s, hooktest.Case{
		Provider: "nodeco",
		Accepted: []hooktest.Request{func(t *testing.T, h *apptest.Server) apptest.Response {
			return h.PostForm(t, "/nodeco/api-sandbox/v1/get_arch_list", [][2]string{{"user_id", user1}, {"random", "r1"}, {"checksum", verify.SignNodeco(user1, key1, "r1")}})
		}},
		Calls: []string{"nodeco /api-sandbox/v1/get_arch_list"},
		Refused: []func(*testing.T, *apptest.Server){func(t *testing.T, h *apptest.Server) {
			r := h.PostForm(t, "/nodeco/api-sandbox/v1/get_arch_list", [][2]string{{"user_id", user1}, {"random", "r2"}, {"checksum", verify.SignNodeco(user1, key1, "r1")}})
			assert.Equal(t, 200, r.Status)
			assertBody(t, r.Body, errBody("Invalid checksum."))
		}},
	})
}

// An interceptor that declines leaves the call to the emulator, which then
// runs it in a transaction of its own.
func TestAfterAuthHookDeclines(t *testing.T) {
	s := newServer(t, nil)
	rec := &hooktest.Recorder{Decline: true}
	h := hooktest.Serve(t, s, "nodeco", rec)
	r := h.PostForm(t, "/nodeco/api-sandbox/v1/get_arch_list", [][2]string{{"user_id", user1}, {"random", "r1"}, {"checksum", verify.SignNodeco(user1, key1, "r1")}})
	assert.Equal(t, 200, r.Status)
	assertBody(t, r.Body, archJSON)
	assert.Len(t, rec.Calls(), 1)
}
