package geniusplugin_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

const (
	gpIPs  = `"10.0.0.0/8","127.0.0.0/8","172.16.0.0/12","192.168.0.0/16","::1","fc00::/7"`
	gpAcc1 = `{"name":"Test Reseller","key":"gp-reseller-test-key-0001","ips":[` + gpIPs + `],"credit":"1500.26"}`
	gpAcc2 = `{"name":"Second Reseller","key":"gpkey-02","ips":["203.0.113.9"],"credit":"10.00"}`
)

// adminResp asserts an admin answer's status, whole body and content type.
var adminResp = apptest.AdminJSON

func TestAdminAccounts(t *testing.T) {
	s := newServer(t, nil)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts", ""), 200, `{"accounts":[`+gpAcc1+`,`+gpAcc2+`]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts/gpkey-02", ""), 200, gpAcc2)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts/nope", ""), 404, `{"error":"account nope not found"}`)

	adminResp(t, s.Do(t, http.MethodPost, "/__admin/geniusplugin/accounts", `{"name":"Third","key":"gp-3","ips":["198.51.100.0/24"],"credit":"99.5"}`), 201,
		`{"name":"Third","key":"gp-3","ips":["198.51.100.0/24"],"credit":"99.50"}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts/gp-3", ""), 200,
		`{"name":"Third","key":"gp-3","ips":["198.51.100.0/24"],"credit":"99.50"}`)
	adminResp(t, s.Do(t, http.MethodPost, "/__admin/geniusplugin/accounts", `{"key":"gp-4"}`), 201, `{"name":"","key":"gp-4","ips":[],"credit":"0.00"}`)

	apptest.AdminCases(t, s, "/__admin/geniusplugin/accounts", []apptest.AdminCase{
		{"duplicate", "POST", "", `{"key":"gpkey-02"}`, 409, `{"error":"key: \"gpkey-02\" is already the key of another reseller"}`},
		{"no key", "POST", "", `{"name":"x"}`, 400, `{"error":"key: required"}`},
		{"empty key", "POST", "", `{"key":""}`, 400, `{"error":"key: must be non-empty, without white space at either end"}`},
		{"bad credit", "POST", "", `{"key":"k","credit":"1.234"}`, 400, `{"error":"credit: \"1.234\" is not a non-negative decimal with at most two places"}`},
		{"negative credit", "PATCH", "/gpkey-02", `{"credit":"-1.00"}`, 400, `{"error":"credit: \"-1.00\" is not a non-negative decimal with at most two places"}`},
		{"credit as number", "PATCH", "/gpkey-02", `{"credit":10}`, 400, `{"error":"bad JSON body: json: cannot unmarshal number into Go struct field accountInput.credit of type string"}`},
		{"bad ip", "PATCH", "/gpkey-02", `{"ips":["300.1.1.1"]}`, 400, `{"error":"ips: \"300.1.1.1\" is not an IP or CIDR"}`},
		{"unknown field", "PATCH", "/gpkey-02", `{"api_key":"x"}`, 400, `{"error":"bad JSON body: json: unknown field \"api_key\""}`},
		{"taken key", "PATCH", "/gpkey-02", `{"key":"gp-3"}`, 409, `{"error":"key: \"gp-3\" is already the key of another reseller"}`},
		{"unknown account", "PATCH", "/nope", `{"credit":"1.00"}`, 404, `{"error":"account nope not found"}`},
	})
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts/gpkey-02", ""), 200, gpAcc2, "refused patches change nothing")
}

func TestAdminPatchTakesEffect(t *testing.T) {
	s := newServer(t, nil)
	register := func(key, domain string, h ...string) string {
		return post(t, s, "autoregister", signed(key, domain, "package", "10k", "password", encrypt(t, key, "Str0ng-pass"), "uemail", "a@"+domain), h...)
	}
	// credit 0.00: the next autoregister is refused for want of credit.
	adminResp(t, s.Do(t, http.MethodPatch, "/__admin/geniusplugin/accounts/"+key1, `{"credit":"0.00"}`), 200,
		`{"name":"Test Reseller","key":"gp-reseller-test-key-0001","ips":[`+gpIPs+`],"credit":"0.00"}`)
	assert.Equal(t, `{"status":"Insufficient credit"}`, register(key1, "a.example"))
	assert.Equal(t, `{"status":"OK - 0.00"}`, post(t, s, "getcredit", signed(key1, "example.com")))

	// ips: reseller 2 moves to loopback; key: the old key no longer verifies.
	adminResp(t, s.Do(t, http.MethodPatch, "/__admin/geniusplugin/accounts/gpkey-02", `{"ips":["127.0.0.1"],"key":"gpkey-02b","name":"Moved"}`), 200,
		`{"name":"Moved","key":"gpkey-02b","ips":["127.0.0.1"],"credit":"10.00"}`)
	assert.Equal(t, `{"status":"OK - 10.00"}`, post(t, s, "getcredit", signed("gpkey-02b", "example.com"), "X-Forwarded-For", "127.0.0.1"))
	assert.Equal(t, `{"status":"Invalid hash"}`, post(t, s, "getcredit", signed("gpkey-02", "example.com"), "X-Forwarded-For", "127.0.0.1"))

	// The state views.
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/packages", ""), 200, `{"packages":[`+
		`{"domain":"example.org","package":"20k","status":"active","email":"owner@example.org","created_at":"2024-01-01T00:00:00Z","expiry":"2030-01-01T00:00:00Z","reseller":"gp-reseller-test-key-0001"},`+
		`{"domain":"paused.example.org","package":"10k","status":"suspended","email":"owner@paused.example.org","created_at":"2024-01-01T00:00:00Z","expiry":"2030-01-01T00:00:00Z","reseller":"gp-reseller-test-key-0001"},`+
		`{"domain":"other.example","package":"10k","status":"active","email":"owner@other.example","created_at":"2024-01-01T00:00:00Z","expiry":"2030-01-01T00:00:00Z","reseller":"gpkey-02b"}]}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/ledger", ""), 200, `{"ledger":[`+
		`{"reseller":"gp-reseller-test-key-0001","domain":"","action":"admin set credit","amount":"-1500.26","balance":"0.00","at":"2024-09-14T23:03:00Z"}]}`)

	page := s.Do(t, http.MethodGet, "/__admin/ui/state/geniusplugin", "")
	require.Equal(t, 200, page.Status)
	assert.Contains(t, page.Body, `<tr><td>gpkey-02b</td><td>Moved</td><td>127.0.0.1</td><td>10.00</td></tr>`)
	assert.Contains(t, page.Body, `<tr><td>other.example</td><td>10k</td><td>active</td><td>owner@other.example</td><td>2024-01-01T00:00:00Z</td><td>2030-01-01T00:00:00Z</td><td>gpkey-02b</td></tr>`)
	assert.Contains(t, page.Body, `<tr><td>2024-09-14T23:03:00Z</td><td>gp-reseller-test-key-0001</td><td></td><td>admin set credit</td><td>-1500.26</td><td>0.00</td></tr>`)
}

func TestAdminDeleteAccount(t *testing.T) {
	s := newServer(t, nil)
	assert.Equal(t, `{"status":"OK - 1500.26"}`, post(t, s, "getcredit", signed(key1, "example.com")), "works until the delete")
	r := s.Do(t, http.MethodDelete, "/__admin/geniusplugin/accounts/"+key1, "")
	assert.Equal(t, http.StatusNoContent, r.Status)
	assert.Equal(t, "", r.Body)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts/"+key1, ""), 404, `{"error":"account `+key1+` not found"}`)
	adminResp(t, s.Do(t, http.MethodDelete, "/__admin/geniusplugin/accounts/"+key1, ""), 404, `{"error":"account `+key1+` not found"}`)
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/accounts", ""), 200, `{"accounts":[`+gpAcc2+`]}`)

	// Its packages went with it; the other reseller keeps its own.
	adminResp(t, s.Do(t, http.MethodGet, "/__admin/geniusplugin/packages", ""), 200, `{"packages":[`+
		`{"domain":"other.example","package":"10k","status":"active","email":"owner@other.example","created_at":"2024-01-01T00:00:00Z","expiry":"2030-01-01T00:00:00Z","reseller":"gpkey-02"}]}`)
	// No reseller owns the loopback addresses any more.
	assert.Equal(t, `{"status":"IP not authorized"}`, post(t, s, "getcredit", signed(key1, "example.com")))
}
