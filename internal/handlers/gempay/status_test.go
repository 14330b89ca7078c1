package gempay_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
)

func statusOK(orderID, gameUser, produk string, harga int64, status, ket, zone, nick string) string {
	return fmt.Sprintf(`{"status":"success","message":"Berhasil mendapatkan status transaksi","code":200,"data":{"order_id":"%s","user_id":"%s","produk":"%s","harga":%d,"status":"%s","keterangan":"%s","zone":"%s","nickname":"%s"}}`,
		orderID, gameUser, produk, harga, status, ket, zone, nick)
}

func TestStatusPendingThenSuccessByClock(t *testing.T) {
	s := newServer(t, nil)
	id := placeOrder(t, s, keyReseller, "123456", "1", "REF-A", 15000)
	pending := statusOK(id, "123456", "Mobile Legends Diamonds", 15000, "Pending", "Pesanan sedang diproses", "1234", "")
	success := statusOK(id, "123456", "Mobile Legends Diamonds", 15000, "Success", "Pembelian berhasil", "1234", "Player123456")

	assertResp(t, cekStatus(t, s, keyReseller, id), 200, pending, "by order_id")
	assertResp(t, cekStatus(t, s, keyReseller, "REF-A"), 200, pending, "by ref_id, hash over the ref_id")
	assert.Equal(t, "cek-status", lastEntry(t, s).Endpoint)
	s.Advance(4*time.Second + 999*time.Millisecond)
	assertResp(t, cekStatus(t, s, keyReseller, id), 200, pending, "just before the delay")
	s.Advance(time.Millisecond)
	assertResp(t, cekStatus(t, s, keyReseller, id), 200, success, "at the delay")
	r := s.Do(t, http.MethodPost, "/api/cek-status", `{"trx_id":"`+id+`"}`, statusHeaders(keyReseller, id, "Host", "gempaytopup.com")...)
	assertResp(t, r, 200, success, "real host and path")
	assert.Equal(t, int64(985000), balance(t, s, keyReseller), "Success keeps the charge")

	// Upper-case hex is accepted.
	h := statusHeaders(keyReseller, id)
	h[1] = strings.ToUpper(h[1][len("Bearer "):])
	h[1] = "Bearer " + h[1]
	assert.Equal(t, 200, s.Do(t, http.MethodPost, "/gempay/api/cek-status", `{"trx_id":"`+id+`"}`, h...).Status)
}

func TestStatusDelayConfigurable(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*gempay.Config](c).SuccessDelay = time.Minute })
	id := placeOrder(t, s, keyReseller, "9", "2", "D", 13000)
	s.Advance(59 * time.Second)
	assert.Contains(t, cekStatus(t, s, keyReseller, id).Body, `"status":"Pending"`)
	s.Advance(time.Second)
	assertResp(t, cekStatus(t, s, keyReseller, id), 200, statusOK(id, "9", "Free Fire 100 Diamonds", 13000, "Success", "Pembelian berhasil", "1234", "Player9"))
}

func TestStatusMagicBatalRefunds(t *testing.T) {
	s := newServer(t, nil)
	id := placeOrder(t, s, keyReseller, "400000000", "1", "BATAL", 15000)
	assert.Equal(t, int64(985000), balance(t, s, keyReseller), "charged while Pending")
	assertResp(t, cekStatus(t, s, keyReseller, id), 200, statusOK(id, "400000000", "Mobile Legends Diamonds", 15000, "Pending", "Pesanan sedang diproses", "1234", ""))
	s.Advance(5 * time.Second)
	batal := statusOK(id, "400000000", "Mobile Legends Diamonds", 15000, "Batal", "Pembelian dibatalkan", "1234", "")
	assertResp(t, cekStatus(t, s, keyReseller, id), 200, batal)
	assert.Equal(t, int64(1000000), balance(t, s, keyReseller), "refunded")
	assertResp(t, cekStatus(t, s, keyReseller, id), 200, batal, "read again")
	assert.Equal(t, int64(1000000), balance(t, s, keyReseller), "refunded exactly once")
}

func TestStatusRefundCountsTowardsTheNextOrder(t *testing.T) {
	s := newServer(t, nil)
	require.Equal(t, 200, s.Do(t, http.MethodPut, "/__admin/gempay/users/"+keyPoor+"/balance", `{"balance":15000}`).Status)
	placeOrder(t, s, keyPoor, "400000000", "1", "P1", 15000)
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "P2"), orderHeaders(keyPoor, "P2", 15000, t0)...)
	assertResp(t, r, 400, errBody(400, "Saldo tidak cukup"))
	s.Advance(5 * time.Second)
	// No status call in between: the refund is settled inside the order transaction.
	placeOrder(t, s, keyPoor, "1", "1", "P2", 15000)
	assert.Equal(t, int64(0), balance(t, s, keyPoor))
}

func TestStatusErrors(t *testing.T) {
	s := newServer(t, nil)
	id := placeOrder(t, s, keyReseller, "1", "1", "S-1", 15000)
	otherID := placeOrder(t, s, keyOther, "2", "1", "S-2", 16000, "X-Forwarded-For", otherIP)
	require.Equal(t, 200, s.Do(t, http.MethodPut, "/__admin/gempay/users/"+keyPoor+"/balance", `{"balance":13000}`).Status)
	goneID := placeOrder(t, s, keyPoor, "3", "2", "S-3", 13000, "X-Forwarded-For", "10.0.0.9")
	assertRefusals(t, s, "/gempay/api/cek-status", []refusal{
		{"no bearer", `{"trx_id":"` + id + `"}`, nil, 401, "Unauthorized", "missing_param"},
		{"not bearer", `{"trx_id":"` + id + `"}`, []string{"Authorization", "Token abc"}, 401, "Unauthorized", "missing_param"},
		{"IP on no whitelist", `{"trx_id":"` + id + `"}`, statusHeaders(keyReseller, id, "X-Forwarded-For", "198.51.100.9"), 403, "IP belum di whitelist", "ip_not_whitelisted"},
		{"no trx_id", `{}`, statusHeaders(keyReseller, id), 400, "Transaction ID is required", "missing_param"},
		{"blank trx_id", `{"trx_id":""}`, statusHeaders(keyReseller, ""), 400, "Transaction ID is required", "missing_param"},
		{"body not JSON", `trx_id=` + id, statusHeaders(keyReseller, id), 400, "Transaction ID is required", "missing_param"},
		{"unknown trx_id", `{"trx_id":"INV-NOPE00000"}`, statusHeaders(keyReseller, "INV-NOPE00000"), 404, "Transaction not found", "not_found"},
		{"owner's IP differs", `{"trx_id":"` + otherID + `"}`, statusHeaders(keyOther, otherID), 403, "IP address not authorized", "ip_not_whitelisted"},
		{"wrong hash", `{"trx_id":"` + id + `"}`, statusHeaders(keyOther, id), 401, "Invalid hash combination", "signature_mismatch"},
		{"hash over order_id, ref_id sent", `{"trx_id":"S-1"}`, statusHeaders(keyReseller, id), 401, "Invalid hash combination", "signature_mismatch"},
	})
	assertResp(t, cekStatus(t, s, keyOther, otherID, "X-Forwarded-For", otherIP), 200,
		statusOK(otherID, "2", "Mobile Legends Diamonds", 16000, "Pending", "Pesanan sedang diproses", "1234", ""), "owner from its IP")

	// An owner with no whitelisted IP left.
	require.Equal(t, 200, s.Do(t, http.MethodPut, "/__admin/gempay/users/"+keyOther+"/ips", `{"ips":[]}`).Status)
	assertResp(t, cekStatus(t, s, keyOther, otherID), 403, errBody(403, "IP belum di whitelist"), "owner without IP")

	// The owner's account is gone: the order stays, its user does not.
	require.Equal(t, 200, s.Do(t, http.MethodDelete, "/__admin/gempay/users/"+keyPoor, "").Status)
	assertResp(t, cekStatus(t, s, keyPoor, goneID), 404, errBody(404, "User not found"))
	assert.Equal(t, "not_found", lastEntry(t, s).Reason)
}

func TestStatusSameRefIDTwoUsers(t *testing.T) {
	s := newServer(t, nil)
	require.Equal(t, 200, s.Do(t, http.MethodPut, "/__admin/gempay/users/"+keyPoor+"/balance", `{"balance":50000}`).Status)
	a := placeOrder(t, s, keyReseller, "111", "1", "SAME", 15000)
	s.Advance(time.Second)
	b := placeOrder(t, s, keyPoor, "222", "2", "SAME", 13000)
	assert.Contains(t, cekStatus(t, s, keyReseller, "SAME").Body, `"order_id":"`+a+`"`)
	assert.Contains(t, cekStatus(t, s, keyPoor, "SAME").Body, `"order_id":"`+b+`"`)
}

func TestStatusBucketRateLimitPerUser(t *testing.T) {
	s := newServer(t, bucketMode)
	id := placeOrder(t, s, keyReseller, "1", "1", "RL", 15000)
	for i := 1; i <= 30; i++ {
		require.Equal(t, 200, cekStatus(t, s, keyReseller, id).Status, "call %d", i)
	}
	r := cekStatus(t, s, keyReseller, "RL", "X-Forwarded-For", "10.3.3.3")
	assertResp(t, r, 429, errBody(429, "Too many requests"), "31st call of the user, other IP, by ref_id")
	assert.Equal(t, "2", r.Header.Get("Retry-After"))
	assert.Equal(t, "rate_limited", lastEntry(t, s).Reason)
	// A wrong hash does not spend the owner's budget: it is refused before the limit.
	assertResp(t, cekStatus(t, s, keyOther, id), 401, errBody(401, "Invalid hash combination"))
	s.Advance(time.Minute)
	assert.Equal(t, 200, cekStatus(t, s, keyReseller, id).Status)
}

func TestAdminForceStatus(t *testing.T) {
	s := newServer(t, nil)
	a := placeOrder(t, s, keyReseller, "1", "1", "F1", 15000)
	b := placeOrder(t, s, keyReseller, "1", "1", "F2", 15000)
	r := s.Do(t, http.MethodPost, "/__admin/gempay/orders/"+a+"/status", `{"status":"Batal"}`)
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"order_id":"`+a+`","status":"Batal"}`+"\n", r.Body)
	assert.Equal(t, int64(985000), balance(t, s, keyReseller), "Batal refunded")
	r = s.Do(t, http.MethodPost, "/__admin/gempay/orders/"+b+"/status", `{"status":"Success"}`)
	assert.Equal(t, 200, r.Status)
	assert.Contains(t, cekStatus(t, s, keyReseller, b).Body, `"status":"Success","keterangan":"Pembelian berhasil"`)
	assert.Equal(t, 409, s.Do(t, http.MethodPost, "/__admin/gempay/orders/"+a+"/status", `{"status":"Success"}`).Status)
	assert.Equal(t, 404, s.Do(t, http.MethodPost, "/__admin/gempay/orders/INV-NONE/status", `{"status":"Success"}`).Status)
	assert.Equal(t, 400, s.Do(t, http.MethodPost, "/__admin/gempay/orders/"+b+"/status", `{"status":"Pending"}`).Status)

	r = s.Do(t, http.MethodGet, "/__admin/gempay/users/"+keyOther, "")
	assert.Equal(t, `{"api_key":"gempay-other-ip-0003","name":"Member Elsewhere","role":"member","balance":1000000,"ips":["203.0.113.7/32"]}`+"\n", r.Body)
	assert.Equal(t, 404, s.Do(t, http.MethodGet, "/__admin/gempay/users/nobody", "").Status)
	assert.Equal(t, 400, s.Do(t, http.MethodPut, "/__admin/gempay/users/"+keyOther+"/balance", `{"balance":-1}`).Status)
	assert.Equal(t, 400, s.Do(t, http.MethodPut, "/__admin/gempay/users/"+keyOther+"/ips", `{"ips":["bogus"]}`).Status)

	// Admin reset restores the fixtures.
	require.Equal(t, 200, s.Do(t, http.MethodPost, "/__admin/reset?provider=gempay", "").Status)
	assert.Equal(t, int64(1000000), balance(t, s, keyReseller))
	assertResp(t, cekStatus(t, s, keyReseller, a), 404, errBody(404, "Transaction not found"))
}
