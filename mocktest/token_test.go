package mocktest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/mocktest"
)

func TestWithAdminToken(t *testing.T) {
	srv := mocktest.New(t, mocktest.WithAdminToken("mocktest-t0ken"))
	assert.Equal(t, "mocktest-t0ken", srv.AdminToken())
	status, body := get(t, srv.BaseURL()+"/__admin/requests")
	assert.Equal(t, http.StatusUnauthorized, status)
	assert.Equal(t, `{"error":"admin token required"}`+"\n", body)

	// The helpers that go through the control plane send the token.
	srv.InjectFault(mocktest.Fault{Provider: "gempay", Kind: "status", Status: 503})
	srv.Reset()
	acc, err := srv.Account("zipay", "10025")
	require.NoError(t, err)
	assert.Equal(t, float64(10025), acc["number"])

	fromYAML := mocktest.New(t, mocktest.WithConfigYAML("admin_token: yaml-t0ken"))
	assert.Equal(t, "yaml-t0ken", fromYAML.AdminToken())
	fromYAML.Reset()
}
