package geniusplugin_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly hashed call (and auto-login link)
// in place of the emulator, so the package is not suspended, and is never
// asked about a call with a bad hash.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	hooktest.Run(t, s, hooktest.Case{
		Provider: "geniusplugin",
		Accepted: []hooktest.Request{
			func(t *testing.T, h *apptest.Server) apptest.Response {
				return h.PostForm(t, "/geniusplugin/api/v1/suspended/", signed(key1, "example.org"))
			},
			func(t *testing.T, h *apptest.Server) apptest.Response {
				return getNoFollow(t, h, link("admin", key1, "example.org"), "")
			},
		},
		Calls: []string{"geniusplugin /api/v1/suspended/", "geniusplugin /autologin/admin"},
		Unchanged: func(t *testing.T) {
			assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "example.org")), "the hook's answer changed nothing")
		},
		Refused: []func(*testing.T, *apptest.Server){
			func(t *testing.T, h *apptest.Server) {
				r := h.PostForm(t, "/geniusplugin/api/v1/suspended/", signed("not-the-key", "example.org"))
				assert.Equal(t, `{"status":"Invalid hash"}`, r.Body)
			},
			func(t *testing.T, h *apptest.Server) {
				r := getNoFollow(t, h, link("admin", "not-the-key", "example.org"), "")
				assert.Equal(t, http.StatusForbidden, r.Status)
			},
		},
	})
}
