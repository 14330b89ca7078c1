package app_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// Handler benchmarks of the mockbench scenarios, in process (no sockets):
//
//	go test -run '^$' -bench Scenario -benchmem ./internal/app
func benchApp(b *testing.B) http.Handler {
	b.Helper()
	return apptest.NewApp(b, func(c *config.Config) {
		c.DB = filepath.Join(b.TempDir(), "bench.db")
		if os.Getenv("BENCH_MEMORY") != "" {
			c.DB = ":memory:"
		}
		c.RateLimits = false
	}).Handler()
}

func serve(b *testing.B, h http.Handler, req *http.Request, want string) {
	req.RemoteAddr = "127.0.0.1:40000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
		b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
	}
}

func BenchmarkScenarioGempayProducts(b *testing.B) {
	h := benchApp(b)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/gempay/api/products", nil)
		req.Header.Set("Authorization", "Bearer gempay-test-key-0001")
		serve(b, h, req, `"status":"success"`)
	}
}

func BenchmarkScenarioGempayOrder(b *testing.B) {
	h := benchApp(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if i%60 == 0 {
			// The fixture balance covers 66 orders: top it up through the admin API.
			req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/__admin/reset?provider=gempay", nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("reset: %d %s", rec.Code, rec.Body)
			}
		}
		ref := fmt.Sprintf("bench-%d", i)
		req := httptest.NewRequest(http.MethodPost, "/gempay/api/order", strings.NewReader(`{"user_id":"123456","zone":"1","produk_id":"1","ref_id":"`+ref+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+verify.SignGempayOrder("gempay-test-key-0001", ref, "15000"))
		req.Header.Set("X-API-Key", "gempay-test-key-0001")
		req.Header.Set("X-Request-Time", strconv.FormatInt(time.Now().Unix(), 10))
		serve(b, h, req, `"status":"success"`)
	}
}

func BenchmarkScenarioHostdimeServerGet(b *testing.B) {
	h := benchApp(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		unique := "u" + strconv.Itoa(i)
		hash := verify.SignHostdime("fazbaz", "server.get", ts, unique, [][2]string{{"cuid", "S37"}})
		body := "api_key=foobar&api_timestamp=" + ts + "&api_unique=" + unique + "&cuid=S37&api_hash=" + hash
		req := httptest.NewRequest(http.MethodPost, "/hostdime/v1/server/get.json", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		serve(b, h, req, `"error":null`)
	}
}

func BenchmarkScenarioZipayBalance(b *testing.B) {
	h := benchApp(b)
	const secret = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
	body := "currency=USD"
	sign := verify.SignZipay(secret, body)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/zipay/api/balance", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("api_key", "4f3c12fa0a1d1ac8b026298b980f16b2")
		req.Header.Set("api_sign", sign)
		serve(b, h, req, `"success":true`)
	}
}

func BenchmarkScenarioNodecoServerDetail(b *testing.B) {
	h := benchApp(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		random := "r" + strconv.Itoa(i)
		q := url.Values{}
		q.Set("user_id", "12312")
		q.Set("random", random)
		q.Set("checksum", verify.SignNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", random))
		q.Set("server_id", "12345")
		req := httptest.NewRequest(http.MethodGet, "/nodeco/api/v1/get_server_detail?"+q.Encode(), nil)
		serve(b, h, req, `"code":"OK"`)
	}
}
