package gempay_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An injected status fault answers with the endpoint's documented message for
// that status (the first of its table where it documents several), and a 429
// carries Retry-After like the limiter's own refusal. One row per entry of
// the mapping in docs/control-plane.md.
func TestStatusFaultsSpeakTheEndpointsWords(t *testing.T) {
	cases := []struct {
		method, path, endpoint string
		status                 int
		body                   string
		retryAfter             string
	}{
		{"GET", "/gempay/api/products", "products", 401, errBody(401, "Unauthorized"), ""},
		{"GET", "/gempay/api/products", "products", 403, errBody(403, "IP belum di whitelist"), ""},
		{"GET", "/gempay/api/products", "products", 429, errBody(429, "Too many requests. Please try again later."), "1"},
		{"POST", "/gempay/api/products", "products", 500, errBody(500, "Internal Server Error"), ""},
		{"GET", "/gempay/api/products", "products", 404, errBody(404, "Not Found"), ""},
		{"POST", "/gempay/api/order", "order", 400, errBody(400, "Request expired"), ""},
		{"POST", "/gempay/api/order", "order", 401, errBody(401, "Unauthorized: Missing required headers"), ""},
		{"POST", "/gempay/api/order", "order", 403, errBody(403, "IP address not authorized"), ""},
		{"POST", "/gempay/api/order", "order", 404, errBody(404, "Product not found"), ""},
		{"POST", "/gempay/api/order", "order", 429, errBody(429, "Too many requests"), "1"},
		{"POST", "/gempay/api/order", "order", 500, errBody(500, "Internal Server Error"), ""},
		{"POST", "/gempay/api/order", "order", 503, errBody(503, "Service Unavailable"), ""},
		{"POST", "/gempay/api/cek-status", "cek-status", 400, errBody(400, "Transaction ID is required"), ""},
		{"POST", "/gempay/api/cek-status", "cek-status", 401, errBody(401, "Unauthorized"), ""},
		{"POST", "/gempay/api/cek-status", "cek-status", 403, errBody(403, "IP belum di whitelist"), ""},
		{"POST", "/gempay/api/cek-status", "cek-status", 404, errBody(404, "Transaction not found"), ""},
		{"POST", "/gempay/api/cek-status", "cek-status", 429, errBody(429, "Too many requests"), "1"},
		{"POST", "/gempay/api/cek-status", "cek-status", 500, errBody(500, "Internal Server Error"), ""},
		{"POST", "/gempay/api/cek-status", "cek-status", 502, errBody(502, "Bad Gateway"), ""},
		{"POST", "/gempay/api/check-ml", "check-ml", 429, `{"success":false,"message":"Too Many Requests"}`, "1"},
		{"POST", "/gempay/api/check-ml", "check-ml", 503, `{"success":false,"message":"Service Unavailable"}`, ""},
		{"GET", "/gempay/api/nope", "", 429, errBody(429, "Too Many Requests"), "1"}, // any endpoint
	}
	s := newServer(t, nil)
	for _, c := range cases {
		name := fmt.Sprintf("%s %d", c.endpoint, c.status)
		r := s.Do(t, http.MethodPost, "/__admin/faults", fmt.Sprintf(`{"provider":"gempay","endpoint":%q,"kind":"status","status":%d}`, c.endpoint, c.status))
		require.Equal(t, 201, r.Status, r.Body)
		r = s.Do(t, c.method, c.path, `{"trx_id":"X"}`, "Authorization", "Bearer "+keyReseller)
		assertResp(t, r, c.status, c.body, name)
		assert.Equal(t, c.retryAfter, r.Header.Get("Retry-After"), name)
		assert.Equal(t, "fault", lastEntry(t, s).Outcome, name)
	}
}
