package geniusplugin_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly hashed call (and auto-login link)
// in place of the emulator, so the package is not suspended, and is never
// asked about a call with a bad hash.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	rec := &hooktest.Recorder{}
	h := hooktest.Serve(t, s, "geniusplugin", rec)

	r := h.PostForm(t, "/geniusplugin/api/v1/suspended/", signed(key1, "example.org"))
	assert.Equal(t, 299, r.Status)
	assert.Equal(t, hooktest.Answer, r.Body)
	assert.Equal(t, `{"status":"active","exist":"exists"}`, post(t, s, "list", signed(key1, "example.org")), "the hook's answer changed nothing")

	r = getNoFollow(t, h, link("admin", key1, "example.org"), "")
	assert.Equal(t, 299, r.Status)
	assert.Equal(t, []string{"geniusplugin /api/v1/suspended/", "geniusplugin /autologin/admin"}, rec.Calls())

	r = h.PostForm(t, "/geniusplugin/api/v1/suspended/", signed("not-the-key", "example.org"))
	assert.Equal(t, `{"status":"Invalid hash"}`, r.Body)
	r = getNoFollow(t, h, link("admin", "not-the-key", "example.org"), "")
	assert.Equal(t, http.StatusForbidden, r.Status)
	assert.Len(t, rec.Calls(), 2, "the hook is not consulted for a bad hash")
}
