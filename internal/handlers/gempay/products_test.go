package gempay_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
)

const resellerList = `{"status":"success","message":"Berhasil mendapatkan list product","code":200,"data":[` +
	`{"kode":"1","kategori":"Mobile Games","produk":"Mobile Legends Diamonds","harga":15000,"catatan":"Minimal pembelian 100 diamonds","status":"Aktif"},` +
	`{"kode":"2","kategori":"Mobile Games","produk":"Free Fire 100 Diamonds","harga":13000,"catatan":"Masukkan ID pemain tanpa zone","status":"Aktif"},` +
	`{"kode":"3","kategori":"Mobile Games","produk":"Genshin Impact Blessing","harga":72000,"catatan":"Stok sedang kosong","status":"NonAktif"}]}`

const memberList = `{"status":"success","message":"Berhasil mendapatkan list product","code":200,"data":[` +
	`{"kode":"1","kategori":"Mobile Games","produk":"Mobile Legends Diamonds","harga":16000,"catatan":"Minimal pembelian 100 diamonds","status":"Aktif"},` +
	`{"kode":"2","kategori":"Mobile Games","produk":"Free Fire 100 Diamonds","harga":14000,"catatan":"Masukkan ID pemain tanpa zone","status":"Aktif"},` +
	`{"kode":"3","kategori":"Mobile Games","produk":"Genshin Impact Blessing","harga":75000,"catatan":"Stok sedang kosong","status":"NonAktif"}]}`

func TestProductsRolePrices(t *testing.T) {
	s := newServer(t, nil)
	assertResp(t, s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller), 200, resellerList, "GET, reseller")
	assertResp(t, s.Do(t, http.MethodPost, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller), 200, resellerList, "POST, reseller")
	assertResp(t, s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyOther, "X-Forwarded-For", otherIP), 200, memberList, "member sees member prices")
	assertResp(t, s.Do(t, http.MethodGet, "/api/products", "", "Authorization", "Bearer "+keyReseller, "Host", "gempaytopup.com"), 200, resellerList, "real host, real path")
	assertResp(t, s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "bearer "+keyReseller), 200, resellerList, "scheme is case-insensitive")
}

func TestProductsErrors(t *testing.T) {
	s := newServer(t, nil)
	cases := []struct {
		name    string
		headers []string
		status  int
		body    string
		reason  string
	}{
		{"no header", nil, 401, errBody(401, "Unauthorized"), "missing_param"},
		{"empty bearer", []string{"Authorization", "Bearer "}, 401, errBody(401, "Unauthorized"), "missing_param"},
		{"basic scheme", []string{"Authorization", "Basic " + keyReseller}, 401, errBody(401, "Unauthorized"), "missing_param"},
		{"unknown key", []string{"Authorization", "Bearer nope-key"}, 401, errBody(401, "Invalid API key"), "unknown_key"},
		{"no IP yet", []string{"Authorization", "Bearer " + keyPending}, 403, errBody(403, "IP belum di whitelist"), "ip_not_whitelisted"},
		{"other IP", []string{"Authorization", "Bearer " + keyOther}, 403, errBody(403, "IP address not authorized"), "ip_not_whitelisted"},
		{"other IP via proxy", []string{"Authorization", "Bearer " + keyOther, "X-Forwarded-For", "203.0.113.8"}, 403, errBody(403, "IP address not authorized"), "ip_not_whitelisted"},
	}
	for _, c := range cases {
		r := s.Do(t, http.MethodGet, "/gempay/api/products", "", c.headers...)
		assertResp(t, r, c.status, c.body, c.name)
		e := lastEntry(t, s)
		assert.Equal(t, "products", e.Endpoint, c.name)
		assert.Equal(t, c.reason, e.Reason, c.name)
	}
}

func TestProductsBucketRateLimitPerIP(t *testing.T) {
	s := newServer(t, bucketMode)
	get := func(xff string) apptest.Response {
		t.Helper()
		return s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller, "X-Forwarded-For", xff)
	}
	for i := 1; i <= 20; i++ {
		r := get("10.0.0.1")
		require.Equal(t, 200, r.Status, "call %d", i)
	}
	r := get("10.0.0.1")
	assert.Equal(t, 429, r.Status, "21st call")
	assert.Equal(t, errBody(429, "Too many requests. Please try again later."), r.Body)
	assert.Equal(t, "3", r.Header.Get("Retry-After"), "one token every 3 s at 20/min")
	assert.Equal(t, "rate_limited", lastEntry(t, s).Reason)
	assert.Equal(t, 200, get("10.0.0.2").Status, "another IP has its own budget")

	s.Advance(3 * time.Second)
	assert.Equal(t, 200, get("10.0.0.1").Status, "one token back after 3 s")
	assert.Equal(t, 429, get("10.0.0.1").Status)

	s.Advance(time.Minute)
	for i := 1; i <= 20; i++ {
		require.Equal(t, 200, get("10.0.0.1").Status, "after a minute, call %d", i)
	}
	assert.Equal(t, 429, get("10.0.0.1").Status)

	// Admin reset of the provider clears the limiters.
	rr := s.Do(t, http.MethodPost, "/__admin/reset?provider=gempay", "")
	require.Equal(t, 200, rr.Status, rr.Body)
	// The clock has not moved since the bucket was emptied: only the reset explains a pass.
	assert.Equal(t, 200, get("10.0.0.1").Status, "after admin reset")
}

func TestProductsBucketRateLimitConfigurable(t *testing.T) {
	s := newServer(t, func(c *config.Config) { bucketMode(c); config.SectionOf[*gempay.Config](c).ProductsPerIP = 2 })
	for i := 0; i < 2; i++ {
		assert.Equal(t, 200, s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller).Status)
	}
	r := s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller)
	assertResp(t, r, 429, errBody(429, "Too many requests. Please try again later."))
	assert.Equal(t, "30", r.Header.Get("Retry-After"), "2/min: one token every 30 s")

	off := newServer(t, func(c *config.Config) { c.RateLimits = false })
	for i := 1; i <= 25; i++ {
		require.Equal(t, 200, off.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller).Status, "call %d with limits off", i)
	}
}

func TestRoutesAndFailuresInEnvelope(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.BodyLimit = 1024 })
	assertResp(t, s.Do(t, http.MethodGet, "/gempay/api/nope", ""), 404, errBody(404, "Not Found"))
	assertResp(t, s.Do(t, http.MethodGet, "/gempay/api/order", ""), 405, errBody(405, "Method Not Allowed"))
	assertResp(t, s.Do(t, http.MethodPost, "/gempay/api/order", strings.Repeat("x", 2000)), 413, errBody(413, "Payload Too Large"))

	p := gempay.New(handlers.Deps{Store: s.App.Store, Clock: s.App.Clock, Config: &s.App.Config, IDs: s.App.IDs, Logger: s.App.Logger})
	for _, c := range []struct {
		f    handlers.Failure
		code int
		body string
	}{
		{handlers.Failure{Kind: handlers.FailInternal}, 500, errBody(500, "Internal Server Error")},
		{handlers.Failure{Kind: handlers.FailBodyTooLarge}, 413, errBody(413, "Payload Too Large")},
		{handlers.Failure{Kind: handlers.FailFault, Status: 503}, 503, errBody(503, "Service Unavailable")},
		{handlers.Failure{Kind: handlers.FailFault, Status: 429}, 429, errBody(429, "Too many requests. Please try again later.")},
		{handlers.Failure{Kind: handlers.FailFault, Status: 200}, 500, errBody(500, "Internal Server Error")},
	} {
		w := httptest.NewRecorder()
		p.WriteFailure(w, httptest.NewRequest(http.MethodGet, "/api/products", nil), c.f)
		assert.Equal(t, c.code, w.Code)
		assert.Equal(t, c.body, w.Body.String())
		assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
	}
}

// The encoded list is kept only while the catalogue is unchanged: new prices
// loaded by a reset (from edited fixtures) show in the very next list.
func TestProductsListFollowsCatalogueChanges(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"gempay.yaml", "hostdime.yaml", "nodeco.yaml", "geniusplugin.yaml", "zipay.yaml", "core.yaml"} {
		raw, err := fixtures.FS.ReadFile(name)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), raw, 0o600))
	}
	s := newServer(t, func(c *config.Config) { c.FixturesDir = dir })
	get := func() string {
		return s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller).Body
	}
	require.Equal(t, resellerList, get())
	require.Equal(t, resellerList, get(), "served again from the kept encoding")

	raw, err := os.ReadFile(filepath.Join(dir, "gempay.yaml"))
	require.NoError(t, err)
	require.Contains(t, string(raw), "15000")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gempay.yaml"), []byte(strings.Replace(string(raw), "15000", "15500", 1)), 0o600))
	r := s.Do(t, http.MethodPost, "/__admin/reset?provider=gempay", "")
	require.Equal(t, http.StatusOK, r.Status, r.Body)
	assert.Equal(t, strings.Replace(resellerList, `"harga":15000`, `"harga":15500`, 1), get())
}
