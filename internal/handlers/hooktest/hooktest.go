// Package hooktest serves one provider of a test app with an after-auth
// interceptor, so each provider's tests can prove where its serve function
// hands a request to handlers.AfterAuth.
package hooktest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
)

// Answer is what Recorder writes when it is consulted.
const Answer = `{"hooked":true}`

// Recorder is an AuthInterceptor that answers every request it is handed
// with 299 and Answer (or, with Decline, lets the provider answer), and
// remembers which provider and path handed it.
type Recorder struct {
	// Decline makes AfterAuth answer nothing and return false.
	Decline bool

	mu    sync.Mutex
	calls []string
}

// AfterAuth implements handlers.AuthInterceptor.
func (rc *Recorder) AfterAuth(w http.ResponseWriter, r *http.Request, provider string) bool {
	rc.mu.Lock()
	rc.calls = append(rc.calls, provider+" "+r.URL.Path)
	rc.mu.Unlock()
	if rc.Decline {
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(299)
	_, _ = w.Write([]byte(Answer))
	return true
}

// Calls lists "provider path" for every request the recorder answered.
func (rc *Recorder) Calls() []string {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]string(nil), rc.calls...)
}

// Serve returns a server for provider name of s's app, mounted under
// /<name> like the app mounts it but wrapped with i as its after-auth
// interceptor; its App is s's, so the store, clock and journal are shared.
func Serve(t testing.TB, s *apptest.Server, name string, i handlers.AuthInterceptor) *apptest.Server {
	t.Helper()
	a := s.App
	var p handlers.Provider
	for _, cand := range a.Providers {
		if cand.Name() == name {
			p = cand
		}
	}
	require.NotNil(t, p, "no provider %q", name)
	trusted, err := a.Config.TrustedPrefixes()
	require.NoError(t, err)
	deps := handlers.Deps{Store: a.Store, Clock: a.Clock, Config: &a.Config, IPs: guard.NewIPResolver(trusted), IDs: a.IDs, Logger: a.Logger}
	h := handlers.Wrap(p, deps, a.Journal, "/"+name, nil, handlers.WithAuthInterceptor(i))
	ts := httptest.NewServer(http.StripPrefix("/"+name, h))
	t.Cleanup(ts.Close)
	return &apptest.Server{Server: ts, App: a}
}

// Request sends one request to h, the server Run wraps with its Recorder.
type Request func(t *testing.T, h *apptest.Server) apptest.Response

// Case is one provider's proof of where its serve function hands a request
// to handlers.AfterAuth.
type Case struct {
	// Provider names the site of the test app that Run wraps.
	Provider string
	// Accepted are correctly authenticated requests: the interceptor answers
	// each in place of the emulator, with 299 and Answer.
	Accepted []Request
	// Calls are the "provider path" entries the interceptor is handed, one
	// per Accepted request.
	Calls []string
	// Unchanged, when set, asserts after the Accepted requests that the
	// interceptor's answers left the emulator's state alone.
	Unchanged func(t *testing.T)
	// Refused send badly authenticated requests and assert the provider's
	// documented refusal: the interceptor is never consulted about them.
	Refused []func(t *testing.T, h *apptest.Server)
}

// Run serves c.Provider of s behind a Recorder and checks c: every accepted
// request is answered by the interceptor, every refused one is not seen by it.
func Run(t *testing.T, s *apptest.Server, c Case) {
	t.Helper()
	rec := &Recorder{}
	h := Serve(t, s, c.Provider, rec)
	for i, send := range c.Accepted {
		r := send(t, h)
		assert.Equal(t, 299, r.Status, "accepted request %d", i)
		assert.Equal(t, Answer, r.Body, "accepted request %d", i)
	}
	assert.Equal(t, c.Calls, rec.Calls())
	if c.Unchanged != nil {
		c.Unchanged(t)
	}
	for _, send := range c.Refused {
		send(t, h)
	}
	assert.Len(t, rec.Calls(), len(c.Calls), "the hook is not consulted about a refused request")
}
