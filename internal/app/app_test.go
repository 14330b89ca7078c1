package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/zipay"
	"github.com/mocksuite/mocksuite/internal/providers"
)

func TestHealth(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "GET", "/__admin/health", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"status":"ok","version":"0.1.0"}`+"\n", r.Body)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
}

func TestClockAPI(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "POST", "/__admin/clock", `{"set":"2024-09-14T23:03:00Z"}`)
	require.Equal(t, 200, r.Status, r.Body)
	assert.Equal(t, `{"now":"2024-09-14T23:03:00Z","frozen":true}`+"\n", r.Body)
	r = s.Do(t, "POST", "/__admin/clock", `{"advance":"6m"}`)
	assert.Equal(t, `{"now":"2024-09-14T23:09:00Z","frozen":true}`+"\n", r.Body)
	r = s.Do(t, "GET", "/__admin/clock", "")
	assert.Equal(t, `{"now":"2024-09-14T23:09:00Z","frozen":true}`+"\n", r.Body)
	r = s.Do(t, "POST", "/__admin/clock", `{"resume":true}`)
	var v struct {
		Now    string
		Frozen bool
	}
	require.NoError(t, json.Unmarshal([]byte(r.Body), &v))
	assert.False(t, v.Frozen)
	now, err := time.Parse(time.RFC3339, v.Now)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), now, 5*time.Second)

	for _, bad := range []string{`{}`, `{"set":"yesterday"}`, `{"advance":"-1m"}`, `{"advance":"6x"}`, `{"set":"2024-09-14T23:03:00Z","advance":"1m"}`, `{"resume":false}`, `{"frozen":true}`, ``} {
		r = s.Do(t, "POST", "/__admin/clock", bad)
		assert.Equal(t, 400, r.Status, bad)
		assert.Contains(t, r.Body, `"error":`, bad)
	}
}

func TestJournalAndReset(t *testing.T) {
	s := apptest.New(t, nil)
	s.Do(t, "GET", "/gempay/api/does-not-exist", "")
	s.Do(t, "GET", "/zipay/api/nothing", "")
	r := s.Do(t, "GET", "/__admin/requests?provider=gempay", "")
	var list struct {
		Requests []struct {
			ID       int64  `json:"id"`
			Provider string `json:"provider"`
			Path     string `json:"path"`
			ClientIP string `json:"client_ip"`
		} `json:"requests"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.Body), &list))
	require.Len(t, list.Requests, 1)
	assert.Equal(t, "gempay", list.Requests[0].Provider)
	assert.Equal(t, "/api/does-not-exist", list.Requests[0].Path)
	assert.Equal(t, "127.0.0.1", list.Requests[0].ClientIP)

	r = s.Do(t, "GET", "/__admin/requests?limit=1", "")
	require.NoError(t, json.Unmarshal([]byte(r.Body), &list))
	require.Len(t, list.Requests, 1)
	assert.Equal(t, "zipay", list.Requests[0].Provider, "newest first")

	r = s.Do(t, "GET", "/__admin/requests/count?provider=zipay", "")
	assert.Equal(t, `{"count":1}`+"\n", r.Body)
	r = s.Do(t, "GET", "/__admin/requests/999", "")
	assert.Equal(t, 404, r.Status)
	r = s.Do(t, "GET", "/__admin/requests?limit=x", "")
	assert.Equal(t, 400, r.Status)

	s.Do(t, "POST", "/__admin/clock", `{"set":"2024-09-14T23:03:00Z"}`)
	r = s.Do(t, "POST", "/__admin/reset", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"status":"reset"}`+"\n", r.Body)
	assert.False(t, s.App.Clock.Frozen(), "reset returns the clock to real time")
	r = s.Do(t, "GET", "/__admin/requests", "")
	assert.Equal(t, `{"requests":[]}`+"\n", r.Body)

	r = s.Do(t, "POST", "/__admin/reset?provider=gempay", "")
	assert.Equal(t, 200, r.Status)
	r = s.Do(t, "POST", "/__admin/reset?provider=paypal", "")
	assert.Equal(t, 404, r.Status)

	s.Do(t, "GET", "/gempay/x", "")
	r = s.Do(t, "DELETE", "/__admin/requests", "")
	assert.Equal(t, 200, r.Status)
	r = s.Do(t, "GET", "/__admin/requests/count", "")
	assert.Equal(t, `{"count":0}`+"\n", r.Body)
}

func TestRoutingByHostAndUnknownPaths(t *testing.T) {
	s := apptest.New(t, nil)
	s.Do(t, "GET", "/api/products", "", "Host", "gempaytopup.com")
	s.Do(t, "GET", "/v1/utility/echo.json", "", "Host", "api.hostdime.com:443")
	r := s.Do(t, "GET", "/__admin/requests", "")
	var list struct {
		Requests []struct {
			Provider, Path string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(r.Body), &list))
	require.Len(t, list.Requests, 2)
	assert.Equal(t, "hostdime", list.Requests[0].Provider)
	assert.Equal(t, "/v1/utility/echo.json", list.Requests[0].Path, "real path, reached by Host")
	assert.Equal(t, "gempay", list.Requests[1].Provider)
	assert.Equal(t, "/api/products", list.Requests[1].Path)
	r = s.Do(t, "GET", "/nowhere", "")
	assert.Equal(t, http.StatusNotFound, r.Status)
	assert.True(t, strings.HasPrefix(r.Body, `{"error":"no route /nowhere`), r.Body)
	r = s.Do(t, "GET", "/__admin/nothing", "")
	assert.Equal(t, http.StatusNotFound, r.Status)
}

func TestBadConfigFailsAtNew(t *testing.T) {
	defer func() { assert.Nil(t, recover()) }()
	cfg := providers.DefaultConfig()
	config.SectionOf[*zipay.Config](&cfg).SignMode = "loose"
	_, err := newApp(cfg)
	assert.ErrorContains(t, err, "zipay.sign_mode")
}

func TestStats(t *testing.T) {
	s := apptest.New(t, nil)
	s.Do(t, "GET", "/gempay/api/products", "")
	r := s.Do(t, "GET", "/__admin/stats", "")
	require.Equal(t, 200, r.Status)
	var v struct {
		Goroutines     int    `json:"goroutines"`
		HeapAlloc      uint64 `json:"heap_alloc"`
		JournalEntries int    `json:"journal_entries"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.Body), &v))
	assert.Positive(t, v.Goroutines)
	assert.Positive(t, v.HeapAlloc)
	assert.Equal(t, 1, v.JournalEntries)
}
