package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

func TestRootIndexJSON(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "GET", "/", "", "Host", "127.0.0.1:8080")
	require.Equal(t, 200, r.Status, r.Body)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, `{
  "name": "mocksuite",
  "version": "0.1.0",
  "dashboard": "http://127.0.0.1:8080/__admin/ui",
  "admin": "http://127.0.0.1:8080/__admin",
  "health": "http://127.0.0.1:8080/__admin/health",
  "providers": [
    {
      "name": "nodeco",
      "base_url": "http://127.0.0.1:8080/nodeco",
      "real_host": "node.co.id"
    },
    {
      "name": "virtdedi",
      "base_url": "http://127.0.0.1:8080/virtdedi",
      "real_host": "virtdedi.com"
    },
    {
      "name": "hostdime",
      "base_url": "http://127.0.0.1:8080/hostdime",
      "real_host": "api.hostdime.com"
    },
    {
      "name": "gempay",
      "base_url": "http://127.0.0.1:8080/gempay",
      "real_host": "gempaytopup.com"
    },
    {
      "name": "geniusplugin",
      "base_url": "http://127.0.0.1:8080/geniusplugin",
      "real_host": "www.geniusplugin.com"
    },
    {
      "name": "zipay",
      "base_url": "http://127.0.0.1:8080/zipay",
      "real_host": "api.zipay.io"
    }
  ],
  "docs": [
    {
      "title": "Quick start and provider overview",
      "path": "README.md"
    },
    {
      "title": "Each provider: accounts, transcripts, mock choices",
      "path": "docs/providers/"
    },
    {
      "title": "Control plane (the /__admin API and dashboard)",
      "path": "docs/control-plane.md"
    },
    {
      "title": "Design",
      "path": "docs/DESIGN.md"
    }
  ]
}
`, r.Body)
	// curl's default Accept gets JSON too.
	r = s.Do(t, "GET", "/", "", "Accept", "*/*")
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Contains(t, r.Body, `"dashboard": "`+s.URL+`/__admin/ui"`)
}

func TestRootIndexHTML(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "GET", "/", "", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	require.Equal(t, 200, r.Status)
	assert.Equal(t, "text/html; charset=utf-8", r.Header.Get("Content-Type"))
	assert.Contains(t, r.Body, `<a id="dashboard" href="`+s.URL+`/__admin/ui">Open the dashboard</a>`)
	for _, p := range []string{"nodeco", "virtdedi", "hostdime", "gempay", "geniusplugin", "zipay"} {
		assert.Contains(t, r.Body, `<li><a href="`+s.URL+`/`+p+`">`+s.URL+`/`+p+`</a>`, p)
	}
	assert.Contains(t, r.Body, "<code>docs/control-plane.md</code>")

	// Other unknown paths keep the JSON error.
	r = s.Do(t, "GET", "/nope", "")
	assert.Equal(t, 404, r.Status)
}

func TestAdminRedirectsToDashboard(t *testing.T) {
	s := apptest.New(t, nil)
	for _, path := range []string{"/__admin", "/__admin/"} {
		r := s.NoFollow().Do(t, "GET", path, "")
		assert.Equal(t, http.StatusFound, r.Status, path)
		assert.Equal(t, "/__admin/ui", r.Header.Get("Location"), path)
	}
	// Followed, it lands on the dashboard.
	r := s.Do(t, "GET", "/__admin", "")
	assert.Equal(t, 200, r.Status)
	assert.True(t, strings.Contains(r.Body, "<title>Overview · mocksuite</title>"), r.Body[:200])
}
