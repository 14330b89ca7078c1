package hostdime_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly signed call in place of the
// emulator (the server stays active) and is never asked about a call with a
// bad hash.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	rec := &hooktest.Recorder{}
	h := hooktest.Serve(t, s, "hostdime", rec)

	r := newClient(h).call(t, "server.suspend", "json", kv("cuid", "S37"))
	assert.Equal(t, 299, r.Status)
	assert.Equal(t, hooktest.Answer, r.Body)
	assert.Equal(t, []string{"hostdime /v1/server/suspend.json"}, rec.Calls())
	assert.Contains(t, newClient(s).call(t, "server.get", "json", kv("cuid", "S37")).Body, `"status":"active"`, "the hook's answer changed nothing")

	bad := newClient(h)
	bad.priv, bad.unique = "not-the-key", "fresh-unique"
	r = bad.call(t, "server.suspend", "json", kv("cuid", "S37"))
	assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body)
	assert.Len(t, rec.Calls(), 1, "the hook is not consulted for a bad hash")
}
