package examples_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/mocktest"
)

// gempayClient is a minimal Gempay top-up client. Products: Bearer key;
// order: Bearer sha256(key + ref_id + price) with X-API-Key and
// X-Request-Time; status: Bearer sha256(key + trx_id).
type gempayClient struct {
	t    *testing.T
	base string // http://127.0.0.1:PORT/gempay
	key  string
	now  func() time.Time
}

type gempayAnswer[T any] struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Code    int    `json:"code"`
	Data    T      `json:"data"`
}

type gempayProduct struct {
	Kode, Produk, Status string
	Harga                int
}

type gempayOrder struct {
	OrderID    string `json:"order_id"`
	Status     string `json:"status"`
	Harga      int    `json:"harga"`
	Keterangan string `json:"keterangan"`
	Nickname   string `json:"nickname"`
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func gempayCall[T any](c *gempayClient, method, path string, header map[string]string, body any) gempayAnswer[T] {
	c.t.Helper()
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	header["Content-Type"] = "application/json"
	status, _, resp := do(c.t, method, c.base+"/api/"+path, string(raw), header)
	var a gempayAnswer[T]
	decodeJSON(c.t, path, resp, &a)
	if status != 200 || a.Status != "success" {
		c.t.Fatalf("%s: HTTP %d: %s", path, status, resp)
	}
	return a
}

func (c *gempayClient) products() []gempayProduct {
	return gempayCall[[]gempayProduct](c, "GET", "products", map[string]string{"Authorization": "Bearer " + c.key}, nil).Data
}

func (c *gempayClient) order(userID, zone, productID, refID string, price int) gempayOrder {
	return gempayCall[gempayOrder](c, "POST", "order", map[string]string{
		"Authorization":  "Bearer " + sha256Hex(c.key+refID+strconv.Itoa(price)),
		"X-API-Key":      c.key,
		"X-Request-Time": strconv.FormatInt(c.now().Unix(), 10),
	}, map[string]string{"user_id": userID, "zone": zone, "produk_id": productID, "ref_id": refID}).Data
}

func (c *gempayClient) status(trxID string) gempayOrder {
	return gempayCall[gempayOrder](c, "POST", "cek-status", map[string]string{"Authorization": "Bearer " + sha256Hex(c.key+trxID)},
		map[string]string{"trx_id": trxID}).Data
}

func TestGempayTopUp(t *testing.T) {
	// With an admin token, as an exposed server has: mocktest's helpers send it,
	// and so must our own calls to /__admin.
	srv := mocktest.New(t, mocktest.WithSeed(7), mocktest.WithAdminToken("example-admin-token"))
	srv.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	c := &gempayClient{t: t, base: srv.URL("gempay"), key: "gempay-test-key-0001", now: srv.Now}

	var ml *gempayProduct
	for _, p := range c.products() {
		if p.Kode == "1" {
			ml = &p
		}
	}
	if ml == nil || ml.Produk != "Mobile Legends Diamonds" || ml.Harga != 15000 || ml.Status != "Aktif" {
		t.Fatalf("product 1: %+v", ml)
	}

	o := c.order("123456", "1234", "1", "REF_123456789", ml.Harga)
	if o.Status != "Pending" || o.Harga != 15000 || len(o.OrderID) != 13 {
		t.Fatalf("order: %+v", o)
	}
	if s := c.status("REF_123456789"); s.OrderID != o.OrderID || s.Status != "Pending" || s.Keterangan != "Pesanan sedang diproses" {
		t.Fatalf("status before the delay: %+v", s)
	}

	srv.Advance(6 * time.Second) // success_delay is 5 s of mock time
	if s := c.status(o.OrderID); s.Status != "Success" || s.Keterangan != "Pembelian berhasil" || s.Nickname != "Player123456" {
		t.Fatalf("status after the delay: %+v", s)
	}

	if n := srv.Count(mocktest.Filter{Provider: "gempay", Endpoint: "cek-status", Outcome: mocktest.OutcomeOK}); n != 2 {
		t.Errorf("cek-status calls: %d, want 2", n)
	}
	if n := srv.Count(mocktest.Filter{Provider: "gempay", Outcome: mocktest.OutcomeRejected}); n != 0 {
		t.Errorf("%d Gempay calls were refused", n)
	}

	// The mock's own view of the account: charged once.
	_, _, raw := do(t, "GET", srv.BaseURL()+"/__admin/gempay/users/"+c.key, "", map[string]string{"Authorization": "Bearer " + srv.AdminToken()})
	var user struct{ Balance int }
	decodeJSON(t, "user", raw, &user)
	if user.Balance != 985000 {
		t.Errorf("balance after the order: %d, want 985000", user.Balance)
	}

	// X-Request-Time is checked against the mock clock: ten minutes behind it is refused.
	status, _, body := do(t, "POST", c.base+"/api/order", `{"user_id":"1","produk_id":"1","ref_id":"R2"}`, map[string]string{
		"Authorization":  "Bearer " + sha256Hex(c.key+"R2"+"15000"),
		"X-API-Key":      c.key,
		"X-Request-Time": strconv.FormatInt(srv.Now().Add(-10*time.Minute).Unix(), 10),
		"Content-Type":   "application/json",
	})
	if status != 400 || string(body) != `{"status":"error","message":"Request expired","code":400}` {
		t.Fatalf("stale X-Request-Time: %d %s", status, body)
	}
}
