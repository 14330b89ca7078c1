package hostdime_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers/hooktest"
)

// The after-auth hook answers a correctly signed call in place of the
// emulator (the server stays active) and is never asked about a call with a
// bad hash.
func TestAfterAuthHook(t *testing.T) {
	s := newServer(t, nil)
	hooktest.Run(t, s, hooktest.Case{
		Provider: "hostdime",
		Accepted: []hooktest.Request{func(t *testing.T, h *apptest.Server) apptest.Response {
			return newClient(h).call(t, "server.suspend", "json", kv("cuid", "S37"))
		}},
		Calls: []string{"hostdime /v1/server/suspend.json"},
		Unchanged: func(t *testing.T) {
			assert.Contains(t, newClient(s).call(t, "server.get", "json", kv("cuid", "S37")).Body, `"status":"active"`, "the hook's answer changed nothing")
		},
		Refused: []func(*testing.T, *apptest.Server){func(t *testing.T, h *apptest.Server) {
			bad := newClient(h)
			bad.priv, bad.unique = "not-the-key", "fresh-unique"
			r := bad.call(t, "server.suspend", "json", kv("cuid", "S37"))
			assert.Equal(t, errJSON(401, "Invalid API hash"), r.Body)
		}},
	})
}
