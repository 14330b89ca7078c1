package mocktest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/mocktest"
)

func TestOverrideMarshalsTheAdminForm(t *testing.T) {
	b, err := json.Marshal(mocktest.Override{Provider: "zipay", Endpoint: "balance", Body: "x"})
	require.NoError(t, err)
	assert.Equal(t, `{"provider":"zipay","endpoint":"balance","match":{},"response":{"body":"x"},"after_auth":true,"priority":0}`, string(b))

	b, err = json.Marshal(mocktest.Override{Provider: "hostdime", Params: map[string]string{"a": "1"}, Headers: map[string]string{"H": "v"},
		BodyContains: "c", Status: 503, Header: map[string]string{"X": "y"}, JSON: map[string]int{"n": 1}, BeforeAuth: true, Times: 2, Priority: -1})
	require.NoError(t, err)
	assert.Equal(t, `{"provider":"hostdime","match":{"params":{"a":"1"},"headers":{"H":"v"},"body_contains":"c"},`+
		`"response":{"status":503,"headers":{"X":"y"},"json":{"n":1}},"after_auth":false,"times":2,"priority":-1}`, string(b))
}

func post(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(`{}`))
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

func TestOverrideAndRemoval(t *testing.T) {
	srv := mocktest.New(t)
	a := srv.Override(mocktest.Override{Provider: "geniusplugin", BeforeAuth: true, Status: 202, Body: "first"})
	b := srv.Override(mocktest.Override{Provider: "geniusplugin", BeforeAuth: true, Body: "second"})
	assert.Equal(t, int64(1), a)
	assert.Equal(t, int64(2), b)

	status, body := post(t, srv.URL("geniusplugin")+"/api/v1/getcredit/")
	assert.Equal(t, 200, status)
	assert.Equal(t, "second", body, "the newest")
	srv.RemoveOverride(b)
	status, body = post(t, srv.URL("geniusplugin")+"/api/v1/getcredit/")
	assert.Equal(t, 202, status)
	assert.Equal(t, "first", body)
	srv.ClearOverrides()
	_, body = post(t, srv.URL("geniusplugin")+"/api/v1/getcredit/")
	assert.Equal(t, `{"status":"Request Missing data!"}`, body, "the provider again")
	assert.Equal(t, 2, srv.Count(mocktest.Filter{Outcome: mocktest.OutcomeOverride}))
}
