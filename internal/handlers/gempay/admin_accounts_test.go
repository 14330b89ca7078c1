package gempay_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	privateRanges = `"127.0.0.0/8","::1","10.0.0.0/8","172.16.0.0/12","192.168.0.0/16","fc00::/7"`
	accReseller   = `{"id":1,"api_key":"gempay-test-key-0001","name":"Test Reseller","role":"reseller","balance":1000000,"ips":[` + privateRanges + `]}`
	accPending    = `{"id":2,"api_key":"gempay-pending-ip-0002","name":"Member Without Whitelist","role":"member","balance":1000000,"ips":[]}`
	accOther      = `{"id":3,"api_key":"gempay-other-ip-0003","name":"Member Elsewhere","role":"member","balance":1000000,"ips":["203.0.113.7"]}`
	accPoor       = `{"id":4,"api_key":"gempay-poor-key-0004","name":"Poor Reseller","role":"reseller","balance":0,"ips":[` + privateRanges + `]}`
)

func adminErrBody(msg string) string { return `{"error":"` + msg + `"}` + "\n" }

func TestAdminAccountsListGet(t *testing.T) {
	s := newServer(t, nil)
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts", ""), 200,
		`{"accounts":[`+accReseller+`,`+accPending+`,`+accOther+`,`+accPoor+`]}`+"\n")
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/"+keyOther, ""), 200, accOther+"\n")
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/3", ""), 200, accOther+"\n", "numeric id")
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/nobody", ""), 404, adminErrBody("account nobody not found"))
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/99", ""), 404, adminErrBody("account 99 not found"))
}

func TestAdminAccountsCreate(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, http.MethodPost, "/__admin/gempay/accounts", `{"api_key":"new-key-5","name":"New","role":"vip","balance":14500,"ips":["127.0.0.1","10.1.2.3/8"]}`)
	const created = `{"id":5,"api_key":"new-key-5","name":"New","role":"vip","balance":14500,"ips":["127.0.0.1","10.0.0.0/8"]}`
	assertResp(t, r, 201, created+"\n")
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/new-key-5", ""), 200, created+"\n")

	// The new account works at once: vip price of product 1 is 14500, exactly its balance.
	placeOrder(t, s, "new-key-5", "123456", "1", "REF-NEW-1", 14500)
	assert.Equal(t, int64(0), balance(t, s, "new-key-5"))

	// Only api_key and role are required.
	assertResp(t, s.Do(t, http.MethodPost, "/__admin/gempay/accounts", `{"api_key":"bare","role":"member"}`), 201,
		`{"id":6,"api_key":"bare","name":"","role":"member","balance":0,"ips":[]}`+"\n")

	cases := []struct{ name, body, want string }{
		{"duplicate", `{"api_key":"gempay-test-key-0001","role":"member"}`, ``},
		{"no key", `{"role":"member"}`, adminErrBody("api_key: required")},
		{"empty key", `{"api_key":" ","role":"member"}`, adminErrBody("api_key: must not be empty")},
		{"no role", `{"api_key":"k"}`, adminErrBody("role: required")},
		{"bad role", `{"api_key":"k","role":"gold"}`, adminErrBody(`role: \"gold\" is not one of member, reseller, vip`)},
		{"negative balance", `{"api_key":"k","role":"member","balance":-1}`, adminErrBody("balance: -1 is negative; give whole rupiah, 0 or more")},
		{"fractional balance", `{"api_key":"k","role":"member","balance":1.5}`, adminErrBody("bad JSON body: json: cannot unmarshal number 1.5 into Go struct field accountInput.balance of type int64")},
		{"bad ip", `{"api_key":"k","role":"member","ips":["bogus"]}`, adminErrBody(`ips: \"bogus\" is not an IP or CIDR`)},
		{"unknown field", `{"api_key":"k","role":"member","secret":"x"}`, adminErrBody(`bad JSON body: json: unknown field \"secret\"`)},
		{"empty body", ``, adminErrBody("request body is empty: a JSON object is expected")},
	}
	for _, c := range cases {
		r := s.Do(t, http.MethodPost, "/__admin/gempay/accounts", c.body)
		if c.name == "duplicate" {
			assertResp(t, r, 409, adminErrBody(`api_key: \"gempay-test-key-0001\" is already the key of another account`), c.name)
			continue
		}
		assertResp(t, r, 400, c.want, c.name)
	}
	// Nothing refused was stored.
	_, err := s.App.Store.GempayUserByKey(context.Background(), "k")
	assert.Error(t, err)
}

func TestAdminAccountsPatch(t *testing.T) {
	s := newServer(t, nil)
	products := func(key string) string {
		return s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+key).Body
	}

	// ips: [] puts the account back to "not whitelisted yet".
	assertResp(t, s.Do(t, http.MethodPatch, "/__admin/gempay/accounts/"+keyReseller, `{"ips":[]}`), 200,
		`{"id":1,"api_key":"gempay-test-key-0001","name":"Test Reseller","role":"reseller","balance":1000000,"ips":[]}`+"\n")
	assert.Equal(t, errBody(403, "IP belum di whitelist"), products(keyReseller))
	// And back.
	assertResp(t, s.Do(t, http.MethodPatch, "/__admin/gempay/accounts/1", `{"ips":["127.0.0.1"]}`), 200,
		`{"id":1,"api_key":"gempay-test-key-0001","name":"Test Reseller","role":"reseller","balance":1000000,"ips":["127.0.0.1"]}`+"\n")
	assert.Equal(t, resellerList, products(keyReseller))

	// role: the product list shows that role's prices.
	assertResp(t, s.Do(t, http.MethodPatch, "/__admin/gempay/accounts/"+keyReseller, `{"role":"member"}`), 200,
		`{"id":1,"api_key":"gempay-test-key-0001","name":"Test Reseller","role":"member","balance":1000000,"ips":["127.0.0.1"]}`+"\n")
	assert.Equal(t, memberList, products(keyReseller))

	// balance 0: an order is refused for want of funds.
	assertResp(t, s.Do(t, http.MethodPatch, "/__admin/gempay/accounts/"+keyReseller, `{"balance":0}`), 200,
		`{"id":1,"api_key":"gempay-test-key-0001","name":"Test Reseller","role":"member","balance":0,"ips":["127.0.0.1"]}`+"\n")
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "REF-P-1"), orderHeaders(keyReseller, "REF-P-1", 16000, t0)...)
	assertResp(t, r, 400, errBody(400, "Saldo tidak cukup"))

	// api_key: the old key stops working, the new one works.
	assertResp(t, s.Do(t, http.MethodPatch, "/__admin/gempay/accounts/"+keyReseller, `{"api_key":"rotated-key","name":"Renamed","balance":16000}`), 200,
		`{"id":1,"api_key":"rotated-key","name":"Renamed","role":"member","balance":16000,"ips":["127.0.0.1"]}`+"\n")
	assert.Equal(t, errBody(401, "Invalid API key"), products(keyReseller))
	placeOrder(t, s, "rotated-key", "123456", "1", "REF-P-2", 16000)

	cases := []struct {
		name, id, body string
		status         int
		want           string
	}{
		{"unknown account", "nobody", `{"balance":1}`, 404, adminErrBody("account nobody not found")},
		{"taken key", "rotated-key", `{"api_key":"gempay-poor-key-0004"}`, 409, adminErrBody(`api_key: \"gempay-poor-key-0004\" is already the key of another account`)},
		{"bad role", "rotated-key", `{"role":"admin"}`, 400, adminErrBody(`role: \"admin\" is not one of member, reseller, vip`)},
		{"negative balance", "rotated-key", `{"balance":-5}`, 400, adminErrBody("balance: -5 is negative; give whole rupiah, 0 or more")},
		{"balance as string", "rotated-key", `{"balance":"5"}`, 400, adminErrBody("bad JSON body: json: cannot unmarshal string into Go struct field accountInput.balance of type int64")},
		{"bad ip", "rotated-key", `{"ips":["10.0.0.0/33"]}`, 400, adminErrBody(`ips: \"10.0.0.0/33\" is not an IP or CIDR`)},
		{"unknown field", "rotated-key", `{"enabled":true}`, 400, adminErrBody(`bad JSON body: json: unknown field \"enabled\"`)},
	}
	for _, c := range cases {
		assertResp(t, s.Do(t, http.MethodPatch, "/__admin/gempay/accounts/"+c.id, c.body), c.status, c.want, c.name)
	}
	// The refused patches changed nothing.
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/rotated-key", ""), 200,
		`{"id":1,"api_key":"rotated-key","name":"Renamed","role":"member","balance":0,"ips":["127.0.0.1"]}`+"\n")
}

func TestAdminStateViews(t *testing.T) {
	s := newServer(t, nil)
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/orders", ""), 200, `{"orders":[]}`+"\n")
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/products", ""), 200, `{"products":[`+
		`{"kode":"1","kategori":"Mobile Games","produk":"Mobile Legends Diamonds","catatan":"Minimal pembelian 100 diamonds","status":"Aktif","harga":{"member":16000,"reseller":15000,"vip":14500}},`+
		`{"kode":"2","kategori":"Mobile Games","produk":"Free Fire 100 Diamonds","catatan":"Masukkan ID pemain tanpa zone","status":"Aktif","harga":{"member":14000,"reseller":13000,"vip":12500}},`+
		`{"kode":"3","kategori":"Mobile Games","produk":"Genshin Impact Blessing","catatan":"Stok sedang kosong","status":"NonAktif","harga":{"member":75000,"reseller":72000,"vip":70000}}]}`+"\n")

	id := placeOrder(t, s, keyReseller, "123456", "1", "REF-S-1", 15000)
	order := func(status string) string {
		return `{"orders":[{"order_id":"` + id + `","ref_id":"REF-S-1","api_key":"gempay-test-key-0001","user_id":"123456","zone":"1234",` +
			`"produk_id":"1","produk":"Mobile Legends Diamonds","harga":15000,"status":"` + status + `","created_at":"2024-09-14T23:03:00Z"}]}` + "\n"
	}
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/orders", ""), 200, order("Pending"))
	// The view reads the status as of the mock clock: force the end now.
	require.Equal(t, 200, s.Do(t, http.MethodPost, "/__admin/gempay/orders/"+id+"/status", `{"status":"Success"}`).Status)
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/orders", ""), 200, order("Success"))

	// The dashboard page shows the same state.
	r := s.Do(t, http.MethodGet, "/__admin/ui/state/gempay", "")
	require.Equal(t, 200, r.Status)
	assert.Equal(t, `<h3>Accounts</h3>
<table>
  <thead><tr><th>id</th><th>api_key</th><th>name</th><th>role</th><th>balance</th><th>ips</th></tr></thead>
  <tbody><tr><td>1</td><td>gempay-test-key-0001</td><td>Test Reseller</td><td>reseller</td><td>985000</td><td>127.0.0.0/8 ::1 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7</td></tr><tr><td>2</td><td>gempay-pending-ip-0002</td><td>Member Without Whitelist</td><td>member</td><td>1000000</td><td></td></tr><tr><td>3</td><td>gempay-other-ip-0003</td><td>Member Elsewhere</td><td>member</td><td>1000000</td><td>203.0.113.7</td></tr><tr><td>4</td><td>gempay-poor-key-0004</td><td>Poor Reseller</td><td>reseller</td><td>0</td><td>127.0.0.0/8 ::1 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7</td></tr></tbody>
</table>
<h3>Orders</h3>
<table>
  <thead><tr><th>order_id</th><th>ref_id</th><th>api_key</th><th>user_id</th><th>zone</th><th>produk_id</th><th>harga</th><th>status</th><th>created_at</th></tr></thead>
  <tbody><tr><td>`+id+`</td><td>REF-S-1</td><td>gempay-test-key-0001</td><td>123456</td><td>1234</td><td>1</td><td>15000</td><td>Success</td><td>2024-09-14T23:03:00Z</td></tr></tbody>
</table>
<h3>Products</h3>
<table>
  <thead><tr><th>kode</th><th>produk</th><th>kategori</th><th>status</th><th>member</th><th>reseller</th><th>vip</th></tr></thead>
  <tbody><tr><td>1</td><td>Mobile Legends Diamonds</td><td>Mobile Games</td><td>Aktif</td><td>16000</td><td>15000</td><td>14500</td></tr><tr><td>2</td><td>Free Fire 100 Diamonds</td><td>Mobile Games</td><td>Aktif</td><td>14000</td><td>13000</td><td>12500</td></tr><tr><td>3</td><td>Genshin Impact Blessing</td><td>Mobile Games</td><td>NonAktif</td><td>75000</td><td>72000</td><td>70000</td></tr></tbody>
</table>
`, stateSection(t, r.Body))
}

// stateSection cuts the state tables out of a dashboard state page.
func stateSection(t *testing.T, page string) string {
	t.Helper()
	start := strings.Index(page, "<h3>")
	end := strings.Index(page, `<form method="post" action="/__admin/ui/reset" class="buttons">`)
	require.True(t, start >= 0 && end > start, "no state tables in %s", page)
	// The template's blank lines carry nothing; drop them.
	var b strings.Builder
	for line := range strings.Lines(page[start:end]) {
		if strings.TrimSpace(line) != "" {
			b.WriteString(line)
		}
	}
	return b.String()
}

func TestAdminAccountsDelete(t *testing.T) {
	s := newServer(t, nil)
	id := placeOrder(t, s, keyReseller, "123456", "1", "REF-D-1", 15000)

	// By numeric id, as GET takes it.
	r := s.Do(t, http.MethodDelete, "/__admin/gempay/accounts/1", "")
	assert.Equal(t, http.StatusNoContent, r.Status)
	assert.Equal(t, "", r.Body)
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts/1", ""), 404, adminErrBody("account 1 not found"))
	assertResp(t, s.Do(t, http.MethodDelete, "/__admin/gempay/accounts/"+keyReseller, ""), 404, adminErrBody("account "+keyReseller+" not found"))
	assert.Equal(t, errBody(401, "Invalid API key"), s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller).Body)

	// By key; the orders stay, shown without a key.
	assert.Equal(t, http.StatusNoContent, s.Do(t, http.MethodDelete, "/__admin/gempay/accounts/"+keyOther, "").Status)
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/accounts", ""), 200, `{"accounts":[`+accPending+`,`+accPoor+`]}`+"\n")
	assertResp(t, s.Do(t, http.MethodGet, "/__admin/gempay/orders", ""), 200, `{"orders":[{"order_id":"`+id+`","ref_id":"REF-D-1","api_key":"","user_id":"123456","zone":"1234",`+
		`"produk_id":"1","produk":"Mobile Legends Diamonds","harga":15000,"status":"Pending","created_at":"2024-09-14T23:03:00Z"}]}`+"\n")
	assertResp(t, s.Do(t, http.MethodDelete, "/__admin/gempay/accounts/nobody", ""), 404, adminErrBody("account nobody not found"))
}
