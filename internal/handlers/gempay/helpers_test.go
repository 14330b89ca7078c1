package gempay_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Fixture keys (fixtures/gempay.yaml).
const (
	keyReseller = "gempay-test-key-0001" // reseller, 1 000 000, loopback + private ranges
	keyPending  = "gempay-pending-ip-0002"
	keyOther    = "gempay-other-ip-0003" // member, only 203.0.113.7
	keyPoor     = "gempay-poor-key-0004" // reseller, balance 0
	otherIP     = "203.0.113.7"
)

// t0 is the frozen mock time of every test: 2024-09-15T06:03:00+07:00.
var t0 = time.Unix(1726354980, 0).UTC()

func newServer(t *testing.T, tweak func(*config.Config)) *apptest.Server {
	t.Helper()
	s := apptest.New(t, tweak)
	s.SetClock(t0)
	return s
}

// errBody is the documented error envelope.
func errBody(code int, message string) string {
	return fmt.Sprintf(`{"status":"error","message":"%s","code":%d}`, message, code)
}

func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// orderHeaders signs an order the way an honest client does.
func orderHeaders(key, refID string, price int64, at time.Time, extra ...string) []string {
	h := []string{
		"Authorization", "Bearer " + verify.SignGempayOrder(key, refID, strconv.FormatInt(price, 10)),
		"X-API-Key", key,
		"X-Request-Time", unix(at),
		"Content-Type", "application/json",
	}
	return append(h, extra...)
}

func orderJSON(gameUser, zone, produk, ref string) string {
	return fmt.Sprintf(`{"user_id":"%s","zone":"%s","produk_id":"%s","ref_id":"%s"}`, gameUser, zone, produk, ref)
}

// placeOrder places a valid order for key (reseller price unless price says otherwise) and returns the order_id.
func placeOrder(t *testing.T, s *apptest.Server, key, gameUser, produk, ref string, price int64, extra ...string) string {
	t.Helper()
	r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON(gameUser, "1234", produk, ref), orderHeaders(key, ref, price, s.App.Clock.Now(), extra...)...)
	require.Equal(t, 200, r.Status, r.Body)
	return orderIDOf(t, r.Body)
}

var orderIDRe = regexp.MustCompile(`"order_id":"(INV-[A-Z0-9]{9})"`)

func orderIDOf(t *testing.T, body string) string {
	t.Helper()
	m := orderIDRe.FindStringSubmatch(body)
	require.NotNil(t, m, "no INV- order_id in %s", body)
	return m[1]
}

func statusHeaders(key, trxID string, extra ...string) []string {
	return append([]string{"Authorization", "Bearer " + verify.SignGempayStatus(key, trxID), "Content-Type", "application/json"}, extra...)
}

func cekStatus(t *testing.T, s *apptest.Server, key, trxID string, extra ...string) apptest.Response {
	t.Helper()
	return s.Do(t, http.MethodPost, "/gempay/api/cek-status", `{"trx_id":"`+trxID+`"}`, statusHeaders(key, trxID, extra...)...)
}

func balance(t *testing.T, s *apptest.Server, key string) int64 {
	t.Helper()
	u, err := s.App.Store.GempayAccount(context.Background(), key, s.App.Clock.Now())
	require.NoError(t, err)
	return u.Balance
}

// lastEntry is the newest journal entry of gempay.
func lastEntry(t *testing.T, s *apptest.Server) journal.Entry {
	t.Helper()
	list := s.App.Journal.List(journal.Filter{Provider: "gempay", Limit: 1})
	require.Len(t, list, 1)
	return list[0]
}

func assertResp(t *testing.T, r apptest.Response, status int, body string, msgAndArgs ...any) {
	t.Helper()
	assert.Equal(t, status, r.Status, msgAndArgs...)
	assert.Equal(t, body, r.Body, msgAndArgs...)
	if r.Status != 0 {
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"), msgAndArgs...)
	}
}

// refusal is one refused request to a POST endpoint: its body and headers,
// and the status, message and journal reason of the answer.
type refusal struct {
	name    string
	body    string
	headers []string
	status  int
	msg     string
	reason  string
}

// assertRefusals posts each case to path and asserts its whole error
// envelope and the reason the journal files it under.
func assertRefusals(t *testing.T, s *apptest.Server, path string, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		r := s.Do(t, http.MethodPost, path, c.body, c.headers...)
		assertResp(t, r, c.status, errBody(c.status, c.msg), c.name)
		assert.Equal(t, c.reason, lastEntry(t, s).Reason, c.name)
	}
}
