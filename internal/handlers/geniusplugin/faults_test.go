package geniusplugin_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/journal"
)

// An injected status fault keeps its HTTP status and answers the endpoint's
// documented failure string: getcredit "Connection failed", delete "Error
// deleting <domain>", list "Error" (and "Error" where nothing is documented).
// One row per entry of the mapping in docs/control-plane.md.
func TestStatusFaultsSpeakTheEndpointsWords(t *testing.T) {
	cases := []struct {
		endpoint  string
		status    int
		multipart bool
		body      string
	}{
		{"getcredit", 503, false, `{"status":"Connection failed"}`},
		{"getcredit", 500, true, `{"status":"Connection failed"}`},
		{"delete", 500, false, `{"status":"Error deleting shop.example"}`},
		{"delete", 502, true, `{"status":"Error deleting shop.example"}`},
		{"list", 503, false, `{"status":"Error"}`},
		{"autoregister", 500, false, `{"status":"Error"}`},
		{"connection", 504, false, `{"status":"Error"}`},
	}
	s := newServer(t, nil)
	for _, c := range cases {
		name := fmt.Sprintf("%s %d multipart=%v", c.endpoint, c.status, c.multipart)
		r := s.Do(t, http.MethodPost, "/__admin/faults", fmt.Sprintf(`{"provider":"geniusplugin","endpoint":%q,"kind":"status","status":%d}`, c.endpoint, c.status))
		require.Equal(t, 201, r.Status, r.Body)
		pairs := signed(key1, "shop.example")
		path := "/geniusplugin/api/v1/" + c.endpoint + "/"
		if c.multipart {
			r = postMultipart(t, s, path, pairs)
		} else {
			r = s.PostForm(t, path, pairs)
		}
		assert.Equal(t, c.status, r.Status, name)
		assert.Equal(t, c.body, r.Body, name)
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"), name)
		list := s.App.Journal.List(journal.Filter{Provider: "geniusplugin", Limit: 1})
		require.Len(t, list, 1)
		assert.Equal(t, journal.OutcomeFault, list[0].Outcome, name)
		assert.Equal(t, c.endpoint, list[0].Endpoint, name)
	}
	assert.Equal(t, `{"faults":[]}`+"\n", s.Do(t, http.MethodGet, "/__admin/faults", "").Body, "each fault applied once")
}
