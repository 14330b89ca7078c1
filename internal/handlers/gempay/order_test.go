package gempay_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
	"github.com/mocksuite/mocksuite/internal/verify"
)

func orderOK(orderID, gameUser, zone, produk string, harga int64) string {
	return fmt.Sprintf(`{"status":"success","message":"Order created successfully","code":200,"data":{"order_id":"%s","user_id":"%s","zone":"%s","produk":"%s","harga":%d,"status":"Pending"}}`,
		orderID, gameUser, zone, produk, harga)
}

func TestOrderSuccessChargesRolePrice(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("123456", "1234", "1", "REF_123456789"), orderHeaders(keyReseller, "REF_123456789", 15000, t0)...)
	id := orderIDOf(t, r.Body)
	assertResp(t, r, 200, orderOK(id, "123456", "1234", "Mobile Legends Diamonds", 15000))
	assert.Equal(t, int64(985000), balance(t, s, keyReseller), "reseller price deducted")
	assert.Equal(t, "order", lastEntry(t, s).Endpoint)

	// A member pays the member price, and the hash is over that price.
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("777", "", "1", "M-1"), orderHeaders(keyOther, "M-1", 15000, t0, "X-Forwarded-For", otherIP)...)
	assertResp(t, r, 401, errBody(401, "Invalid hash combination"), "member hashing the reseller price")
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("777", "", "1", "M-1"), orderHeaders(keyOther, "M-1", 16000, t0, "X-Forwarded-For", otherIP)...)
	assertResp(t, r, 200, orderOK(orderIDOf(t, r.Body), "777", "", "Mobile Legends Diamonds", 16000))
	assert.Equal(t, int64(984000), balance(t, s, keyOther))

	// Real host and path; numbers accepted for the ids, zone optional; upper-case hex accepted.
	h := orderHeaders(keyReseller, "77", 13000, t0, "Host", "gempaytopup.com")
	h[1] = "Bearer " + strings.ToUpper(verify.SignGempayOrder(keyReseller, "77", "13000"))
	r = s.Do(t, http.MethodPost, "/api/order", `{"user_id":98765,"produk_id":2,"ref_id":77}`, h...)
	assertResp(t, r, 200, orderOK(orderIDOf(t, r.Body), "98765", "", "Free Fire 100 Diamonds", 13000))
	assert.Equal(t, int64(972000), balance(t, s, keyReseller))

	// RFC 3339 request time with an offset.
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "RFC"), append(orderHeaders(keyReseller, "RFC", 15000, t0), "X-Request-Time", "2024-09-15T06:03:00+07:00")...)
	assert.Equal(t, 200, r.Status, r.Body)
}

func TestOrderIDsAreDeterministicWithSeed(t *testing.T) {
	ids := func() string {
		s := newServer(t, func(c *config.Config) { c.Seed = 7 })
		return placeOrder(t, s, keyReseller, "1", "1", "A", 15000)
	}
	assert.Equal(t, ids(), ids())
}

func TestOrderErrors(t *testing.T) {
	s := newServer(t, nil)
	placeOrder(t, s, keyReseller, "5", "1", "USED", 15000)
	valid := func(ref string) []string { return orderHeaders(keyReseller, ref, 15000, t0) }
	with := func(h []string, k, v string) []string { return append(append([]string{}, h...), k, v) }
	without := func(h []string, k string) []string {
		var out []string
		for i := 0; i+1 < len(h); i += 2 {
			if h[i] != k {
				out = append(out, h[i], h[i+1])
			}
		}
		return out
	}
	body := orderJSON("123", "1", "1", "R1")
	assertRefusals(t, s, "/gempay/api/order", []refusal{
		{"no Authorization", body, without(valid("R1"), "Authorization"), 401, "Unauthorized: Missing required headers", "missing_param"},
		{"no X-API-Key", body, without(valid("R1"), "X-API-Key"), 401, "Unauthorized: Missing required headers", "missing_param"},
		{"no X-Request-Time", body, without(valid("R1"), "X-Request-Time"), 401, "Unauthorized: Missing required headers", "missing_param"},
		{"unknown key", body, with(valid("R1"), "X-API-Key", "nope"), 401, "Invalid API key", "unknown_key"},
		{"caller not the registered IP", body, orderHeaders(keyOther, "R1", 16000, t0), 403, "IP address not authorized", "ip_not_whitelisted"},
		{"account without IP", body, orderHeaders(keyPending, "R1", 16000, t0), 403, "IP belum di whitelist", "ip_not_whitelisted"},
		{"time garbage", body, with(valid("R1"), "X-Request-Time", "yesterday"), 400, "Invalid X-Request-Time format", "timestamp_invalid"},
		{"time in milliseconds", body, with(valid("R1"), "X-Request-Time", strconv.FormatInt(t0.UnixMilli(), 10)), 400, "Invalid X-Request-Time format", "timestamp_invalid"},
		{"bare date", body, with(valid("R1"), "X-Request-Time", "2024-09-15"), 400, "Invalid X-Request-Time format", "timestamp_invalid"},
		{"301 s old", body, with(valid("R1"), "X-Request-Time", unix(t0.Add(-301*time.Second))), 400, "Request expired", "timestamp_invalid"},
		{"301 s ahead", body, with(valid("R1"), "X-Request-Time", unix(t0.Add(301*time.Second))), 400, "Request expired", "timestamp_invalid"},
		{"RFC 3339 too old", body, with(valid("R1"), "X-Request-Time", "2024-09-15T05:57:59+07:00"), 400, "Request expired", "timestamp_invalid"},
		{"body not JSON", "user_id=1", valid("R1"), 400, "Missing required parameters", "validation"},
		{"empty body", "", valid("R1"), 400, "Missing required parameters", "validation"},
		{"no ref_id", `{"user_id":"1","produk_id":"1"}`, valid("R1"), 400, "Missing required parameters", "validation"},
		{"blank user_id", `{"user_id":" ","produk_id":"1","ref_id":"R1"}`, valid("R1"), 400, "Missing required parameters", "validation"},
		{"user_id not a scalar", `{"user_id":{"a":1},"produk_id":"1","ref_id":"R1"}`, valid("R1"), 400, "Missing required parameters", "validation"},
		{"zone an array", `{"user_id":"1","zone":[1],"produk_id":"1","ref_id":"R1"}`, valid("R1"), 400, "Missing required parameters", "validation"},
		{"unknown product", orderJSON("123", "1", "99", "R1"), valid("R1"), 404, "Product not found", "not_found"},
		{"NonAktif product", orderJSON("123", "1", "3", "R1"), orderHeaders(keyReseller, "R1", 72000, t0), 400, "Product is not available", "validation"},
		{"wrong hash", body, with(valid("R1"), "Authorization", "Bearer "+strings.Repeat("0", 64)), 401, "Invalid hash combination", "signature_mismatch"},
		{"decimal price in hash", body, with(valid("R1"), "Authorization", "Bearer "+verify.SignGempayOrder(keyReseller, "R1", "15000.00")), 401, "Invalid hash combination", "signature_mismatch"},
		{"hash over another ref_id", body, valid("R2"), 401, "Invalid hash combination", "signature_mismatch"},
		{"ref_id reused", orderJSON("123", "1", "1", "USED"), valid("USED"), 400, "ref_id already used", "validation"},
		{"balance too low", body, orderHeaders(keyPoor, "R1", 15000, t0), 400, "Saldo tidak cukup", "insufficient_funds"},
		// Check order (spec §10): the earlier check wins.
		{"expired beats bad hash", body, with(with(valid("R1"), "X-Request-Time", unix(t0.Add(-time.Hour))), "Authorization", "Bearer x"), 400, "Request expired", "timestamp_invalid"},
		{"IP beats bad time", body, with(orderHeaders(keyOther, "R1", 16000, t0), "X-Request-Time", "x"), 403, "IP address not authorized", "ip_not_whitelisted"},
		{"product beats hash", orderJSON("123", "1", "99", "R1"), with(valid("R1"), "Authorization", "Bearer x"), 404, "Product not found", "not_found"},
	})
	assert.Equal(t, int64(985000), balance(t, s, keyReseller), "only the first order was charged")

	// The hash explanation reaches the journal with the masked key and the role price.
	s.Do(t, http.MethodPost, "/gempay/api/order", body, with(valid("R1"), "Authorization", "Bearer "+verify.SignGempayOrder(keyReseller, "R1", "15000.00"))...)
	assert.Contains(t, lastEntry(t, s).Explanation, `canonical="gemp...0001R115000"`)
	assert.Contains(t, lastEntry(t, s).Explanation, `the price written as "15000.00"`)
}

func TestOrderTimeWindowEdges(t *testing.T) {
	s := newServer(t, nil)
	for i, off := range []time.Duration{-300 * time.Second, 300 * time.Second, 0} {
		ref := fmt.Sprintf("EDGE-%d", i)
		r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", ref), orderHeaders(keyReseller, ref, 15000, t0.Add(off))...)
		assert.Equal(t, 200, r.Status, "offset %s: %s", off, r.Body)
	}
	// The window is configurable.
	s2 := newServer(t, func(c *config.Config) { config.SectionOf[*gempay.Config](c).TimeWindow = 10 * time.Second })
	r := s2.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "W"), orderHeaders(keyReseller, "W", 15000, t0.Add(-11*time.Second))...)
	assertResp(t, r, 400, errBody(400, "Request expired"))
}

func TestOrderMagicFailStoresNothing(t *testing.T) {
	s := newServer(t, nil)
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("500000000", "1", "1", "MAGIC"), orderHeaders(keyReseller, "MAGIC", 15000, t0)...)
	assertResp(t, r, 500, errBody(500, "Internal Server Error"))
	assert.Equal(t, "magic_value", lastEntry(t, s).Reason)
	assert.Equal(t, int64(1000000), balance(t, s, keyReseller), "nothing charged")
	assertResp(t, cekStatus(t, s, keyReseller, "MAGIC"), 404, errBody(404, "Transaction not found"), "nothing stored")
	// The ref_id is still free.
	placeOrder(t, s, keyReseller, "123", "1", "MAGIC", 15000)
}

func TestOrderBucketRateLimitPerUser(t *testing.T) {
	s := newServer(t, bucketMode)
	for i := 1; i <= 30; i++ {
		placeOrder(t, s, keyReseller, "1", "1", fmt.Sprintf("U-%d", i), 15000)
	}
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "U-31"), orderHeaders(keyReseller, "U-31", 15000, t0)...)
	assertResp(t, r, 429, errBody(429, "Too many requests"), "31st order of the user")
	assert.Equal(t, "2", r.Header.Get("Retry-After"), "30/min: one token every 2 s")
	assert.Equal(t, "rate_limited", lastEntry(t, s).Reason)
	assert.Equal(t, int64(1000000-30*15000), balance(t, s, keyReseller), "the refused call charged nothing")
	// The user's budget is shared across IPs.
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "U-31"), orderHeaders(keyReseller, "U-31", 15000, t0, "X-Forwarded-For", "10.9.9.9")...)
	assert.Equal(t, 429, r.Status)

	s.Advance(time.Minute)
	placeOrder(t, s, keyReseller, "1", "1", "U-31", 15000)
}

func TestOrderBucketRateLimitPerIP(t *testing.T) {
	s := newServer(t, func(c *config.Config) { bucketMode(c); config.SectionOf[*gempay.Config](c).OrderPerUser = 1000 })
	bad := append(orderHeaders(keyReseller, "X", 15000, t0, "X-Forwarded-For", "10.1.1.1"), "X-Request-Time", "bad")
	for i := 1; i <= 100; i++ {
		r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "X"), bad...)
		require.Equal(t, 400, r.Status, "call %d passes the limit and fails later", i)
	}
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "X"), bad...)
	assertResp(t, r, 429, errBody(429, "Too many requests"), "101st call from the IP")
	assert.Equal(t, "1", r.Header.Get("Retry-After"))
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "X"), orderHeaders(keyReseller, "X", 15000, t0, "X-Forwarded-For", "10.1.1.2")...)
	assert.Equal(t, 200, r.Status, "another IP: %s", r.Body)
	s.Advance(time.Minute)
	r = s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "Y"), orderHeaders(keyReseller, "Y", 15000, t0.Add(time.Minute), "X-Forwarded-For", "10.1.1.1")...)
	assert.Equal(t, 200, r.Status, "a minute later: %s", r.Body)
}

func TestConcurrentOrdersNeverOverdraw(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.RateLimits = false })
	const n = 200
	var wg sync.WaitGroup
	results := make([]int, n)
	bodies := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ref := fmt.Sprintf("C-%03d", i)
			r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", ref), orderHeaders(keyReseller, ref, 15000, t0)...)
			results[i], bodies[i] = r.Status, r.Body
		}()
	}
	wg.Wait()
	ok, poor := 0, 0
	for i := range n {
		switch {
		case results[i] == 200:
			ok++
		case results[i] == 400 && bodies[i] == errBody(400, "Saldo tidak cukup"):
			poor++
		default:
			t.Errorf("order %d: %d %s", i, results[i], bodies[i])
		}
	}
	assert.Equal(t, 66, ok, "1 000 000 / 15 000 = 66 orders fit")
	assert.Equal(t, n-66, poor)
	assert.Equal(t, int64(1000000-66*15000), balance(t, s, keyReseller), "never negative, every charge accounted")
}

func TestConcurrentOrdersOneRefID(t *testing.T) {
	s := newServer(t, func(c *config.Config) { c.RateLimits = false })
	const n = 50
	var wg sync.WaitGroup
	results := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "ONE"), orderHeaders(keyReseller, "ONE", 15000, t0)...)
			results[i] = fmt.Sprintf("%d %s", r.Status, r.Body)
		}()
	}
	wg.Wait()
	created, dup := 0, 0
	for _, r := range results {
		switch {
		case strings.HasPrefix(r, "200 "):
			created++
		case r == "400 "+errBody(400, "ref_id already used"):
			dup++
		default:
			t.Errorf("unexpected answer %s", r)
		}
	}
	assert.Equal(t, 1, created)
	assert.Equal(t, n-1, dup)
	assert.Equal(t, int64(985000), balance(t, s, keyReseller), "charged once")
}
