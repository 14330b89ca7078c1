package app_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/handlers"
)

func TestFaultStatusAnswersInTheProviderEnvelope(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "POST", "/__admin/faults", `{"provider":"hostdime","endpoint":"server.power.cycle","kind":"status","status":503}`)
	require.Equal(t, 201, r.Status, r.Body)
	assert.Equal(t, `{"id":1,"provider":"hostdime","endpoint":"server.power.cycle","kind":"status","status":503,"times":1,"probability":1}`+"\n", r.Body)

	// Whatever the provider's envelope is today, the fault answers with it.
	var want *httptest.ResponseRecorder
	for _, p := range s.App.Providers {
		if p.Name() == "hostdime" {
			want = httptest.NewRecorder()
			req := httptest.NewRequest("POST", "/v1/server/power/cycle.json", nil)
			p.WriteFailure(want, req, handlers.Failure{Kind: handlers.FailFault, Status: 503})
		}
	}
	require.NotNil(t, want)

	r = s.Do(t, "POST", "/hostdime/v1/server/power/cycle.json", "")
	assert.Equal(t, 503, r.Status)
	assert.Equal(t, want.Body.String(), r.Body)
	assert.Equal(t, want.Header().Get("Content-Type"), r.Header.Get("Content-Type"))

	// By real host name too, and the journal tells it was a fault.
	s.Do(t, "POST", "/__admin/faults", `{"provider":"hostdime","kind":"empty"}`)
	r = s.Do(t, "GET", "/v1/utility/echo.json", "", "Host", "api.hostdime.com")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, "", r.Body)
	r = s.Do(t, "GET", "/__admin/requests/count?provider=hostdime&outcome=fault", "")
	assert.Equal(t, `{"count":2}`+"\n", r.Body)
	r = s.Do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[]}`+"\n", r.Body, "each applied once, then gone")
}

func TestFaultKindsOverHTTP(t *testing.T) {
	s := apptest.New(t, nil)
	s.Do(t, "POST", "/__admin/faults", `{"provider":"gempay","endpoint":"order","kind":"malformed"}`)
	r := s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"status":"succ`, r.Body)
	assert.NotEmpty(t, r.Header.Get("Content-Type"))

	s.Do(t, "POST", "/__admin/faults", `{"provider":"zipay","kind":"reset"}`)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Post(s.URL+"/zipay/api/v1/invoice", "application/json", strings.NewReader(`{}`))
	if err == nil {
		res.Body.Close()
	}
	assert.Error(t, err, "connection closed without a response")

	s.Do(t, "POST", "/__admin/faults", `{"provider":"geniusplugin","kind":"delay","delay":"100ms"}`)
	start := time.Now()
	s.Do(t, "GET", "/geniusplugin/api/v1/getcredit/", "")
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)

	r = s.Do(t, "GET", "/__admin/requests/count?outcome=fault", "")
	assert.Equal(t, `{"count":2}`+"\n", r.Body, "malformed and reset; a delay keeps the provider's verdict")
}

func TestResetClearsFaults(t *testing.T) {
	s := apptest.New(t, nil)
	s.Do(t, "POST", "/__admin/faults", `{"provider":"gempay","kind":"empty","times":5}`)
	s.Do(t, "POST", "/__admin/faults", `{"provider":"zipay","kind":"empty","times":5}`)
	r := s.Do(t, "POST", "/__admin/reset?provider=gempay", "")
	require.Equal(t, 200, r.Status, r.Body)
	r = s.Do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[{"id":2,"provider":"zipay","kind":"empty","times":5,"probability":1}]}`+"\n", r.Body)
	s.Do(t, "POST", "/__admin/reset", "")
	r = s.Do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[]}`+"\n", r.Body)
}
