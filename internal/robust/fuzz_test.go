package robust_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// fuzzApp builds one app on an in-memory store for a whole fuzz target.
func fuzzApp(f *testing.F) http.Handler {
	f.Helper()
	a := apptest.NewApp(f, func(c *config.Config) {
		c.BodyLimit = bodyLimit
		c.RateLimits = false
	})
	a.Clock.Set(now)
	return a.Handler()
}

// serve sends one request with any bytes in the path to h.
func serve(h http.Handler, method, path, body string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/", strings.NewReader(body))
	r.URL.Path, r.URL.RawPath, r.RequestURI = path, "", path
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { defer close(done); h.ServeHTTP(w, r) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		buf := make([]byte, 1<<20)
		panic(fmt.Sprintf("%s %q hangs:\n%s", method, path, buf[:runtime.Stack(buf, true)]))
	}
	return w
}

// jsonObject decodes a JSON object body and checks it carries every key.
func jsonObject(t *testing.T, body []byte, keys ...string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is no JSON object: %v: %q", err, body)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Fatalf("body lacks %q: %q", k, body)
		}
	}
	return m
}

func noServerError(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code >= 500 {
		t.Fatalf("status %d: %q", w.Code, w.Body.Bytes())
	}
}

func FuzzGempay(f *testing.F) {
	h := fuzzApp(f)
	f.Add("api/order", `{"user_id":"123456","zone":"1234","produk_id":"1","ref_id":"REF_123456789"}`, "1726354980", true)
	f.Add("api/order", `{"user_id":"1","produk_id":"1","ref_id":"R2"}`, "2024-09-15T06:03:00+07:00", false)
	f.Add("api/cek-status", `{"trx_id":"REF_123456789"}`, "", true)
	f.Add("api/products", ``, "", false)
	f.Add("api/check-ml", `uid=123456&zone=1234`, "", false)
	f.Fuzz(func(t *testing.T, suffix, body, reqTime string, sign bool) {
		var fields struct {
			RefID any `json:"ref_id"`
			TrxID any `json:"trx_id"`
		}
		_ = json.Unmarshal([]byte(body), &fields)
		auth := "Bearer " + gempayKey
		if sign {
			switch {
			case strings.Contains(suffix, "cek-status"):
				auth = "Bearer " + verify.SignGempayStatus(gempayKey, jsonText(fields.TrxID))
			default:
				auth = "Bearer " + verify.SignGempayOrder(gempayKey, jsonText(fields.RefID), "15000")
			}
		}
		w := serve(h, http.MethodPost, "/gempay/"+suffix, body,
			"Authorization", auth, "X-API-Key", gempayKey, "X-API-KEY", gempayKey, "X-Request-Time", reqTime, "Content-Type", "application/json")
		noServerError(t, w)
		if m := jsonObject(t, w.Body.Bytes()); m["success"] != nil {
			if !strings.Contains(suffix, "check-ml") {
				t.Fatalf("check-ml shape from %q: %q", suffix, w.Body.Bytes())
			}
			return
		}
		m := jsonObject(t, w.Body.Bytes(), "status", "message", "code")
		if code, _ := m["code"].(float64); int(code) != w.Code {
			t.Fatalf("code %v differs from HTTP status %d", m["code"], w.Code)
		}
	})
}

// jsonText is a decoded JSON string or number as the handler reads it.
func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64, json.Number:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return ""
}

var reJSONP = regexp.MustCompile(`^[A-Za-z_$][0-9A-Za-z_$.]*\((.*)\);$`)

func FuzzHostdime(f *testing.F) {
	h := fuzzApp(f)
	f.Add("v1/domain/list.json", "status=registered&order=desc", formType, true)
	f.Add("v1/utility/echo.xml", "foo=bar&faz=baz", formType, false)
	f.Add("v1/utility/echo.yml", "foo=bar&faz=baz", formType, false)
	f.Add("v1/utility/echo.json", "foo=bar&callback=handle", formType, false)
	f.Add("v1/server/get.yml", "cuid=S37", formType, true)
	f.Add("v1/vps/graphs.json", `cuid=V101&date_range=["2024-01-01","2024-01-02"]`, formType, true)
	f.Add("v1/ticket/create.xml", "subject=Disk+alert&body=RAID+degraded+on+S37&cuid=S37", formType, true)
	f.Fuzz(func(t *testing.T, suffix, body, ctype string, sign bool) {
		if sign {
			method := strings.ReplaceAll(strings.TrimPrefix(suffix[:max(strings.LastIndexByte(suffix, '.'), 0)], "v1/"), "/", ".")
			body = hostdimeBody(method, formPairs(body))
		}
		w := serve(h, http.MethodPost, "/hostdime/"+suffix, body, "Content-Type", ctype)
		noServerError(t, w)
		b := w.Body.Bytes()
		switch ct := w.Header().Get("Content-Type"); {
		case strings.HasPrefix(ct, "application/xml"):
			if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="utf-8"?>`+"\n<xml>")) {
				t.Fatalf("XML envelope: %q", b)
			}
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Fatalf("XML: %v: %q", err, b)
			}
		case strings.HasPrefix(ct, "text/yaml"):
			var m map[string]any
			if err := yaml.Unmarshal(b, &m); err != nil {
				t.Fatalf("YAML: %v: %q", err, b)
			}
			if _, ok := m["error"]; !ok {
				t.Fatalf("YAML envelope: %q", b)
			}
		case strings.HasPrefix(ct, "application/javascript"):
			m := reJSONP.FindSubmatch(b)
			if m == nil {
				t.Fatalf("JSONP: %q", b)
			}
			jsonObject(t, m[1], "error", "response")
		default:
			jsonObject(t, b, "error", "response")
		}
	})
}

// formPairs splits a form body in order, keeping undecodable parts raw.
func formPairs(body string) [][2]string {
	var out [][2]string
	for _, kv := range strings.Split(body, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		out = append(out, [2]string{k, v})
	}
	return out
}

func FuzzZipay(f *testing.F) {
	h := fuzzApp(f)
	f.Add("api/random", "par1=value1&par2=value2", true)
	f.Add("api/random", "min=1&max=100", true)
	f.Add("api/balance", "", true)
	f.Add("api/exchange", "amount=100.99&from_currency=USD&to_currency=IRT", true)
	f.Add("api/create-invoice", "terminal_number=1001&amount=100.99&currency=USD&invoice_number=1&callback=http%3A%2F%2Fexample.org%2Fback&webhook=http%3A%2F%2F127.0.0.1%3A9%2Fhook", true)
	f.Add("api/transfer", "receiver=10017&amount=1&currency=USD&order_id=o1", true)
	f.Add("api/crypto-withdraw", "amount=5&network=TRX&address=T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb&order_id=w1", true)
	f.Add("invoice_v1/unknown", "", false)
	f.Fuzz(func(t *testing.T, suffix, body string, sign bool) {
		sig := "x"
		if sign {
			sig = verify.SignZipay(zipaySecret, body)
		}
		w := serve(h, http.MethodPost, "/zipay/"+suffix, body, "Content-Type", formType, "api_key", zipayKey, "api_sign", sig)
		noServerError(t, w)
		if strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			if !bytes.HasPrefix(w.Body.Bytes(), []byte("<!DOCTYPE html>")) {
				t.Fatalf("page: %q", w.Body.Bytes())
			}
			return
		}
		if w.Code == http.StatusFound || w.Code == http.StatusSeeOther {
			return // the payment page's redirect back to the merchant
		}
		m := jsonObject(t, w.Body.Bytes(), "success")
		if _, ok := m["items"]; !ok && m["success"] == false {
			jsonObject(t, w.Body.Bytes(), "errors", "status")
		}
	})
}

func FuzzGeniusplugin(f *testing.F) {
	h := fuzzApp(f)
	f.Add("api/v1/autoregister/", "package=20k&uemail=a%40example.com&password=AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte%2FTxVhoQJWx1Jc14T8MoIKkQ%3D%3D", formType, "shop.example")
	f.Add("api/v1/getcredit/", "", formType, "example.com")
	f.Add("api/v1/list/", "", formType, "example.org")
	f.Add("api/v1/packageupdate", "status=active&package=40k", formType, "example.org")
	f.Add("api/v1/renew/", "", "multipart/form-data; boundary=XX", "example.org")
	f.Fuzz(func(t *testing.T, suffix, body, ctype, domain string) {
		if !strings.HasPrefix(ctype, "multipart/") {
			body = gpBody(domain) + "&" + body
		}
		w := serve(h, http.MethodPost, "/geniusplugin/"+suffix, body, "Content-Type", ctype)
		noServerError(t, w)
		if w.Code == http.StatusMovedPermanently {
			// An endpoint path without its ending slash: redirected to it.
			if loc := w.Header().Get("Location"); !strings.Contains(loc, "/geniusplugin/api/v1/") || strings.HasSuffix(strings.Split(suffix, "?")[0], "/") {
				t.Fatalf("301 to %q for %q", loc, suffix)
			}
			return
		}
		if w.Code != http.StatusOK {
			t.Fatalf("status %d (every answer is 200, or 301 to the slash path)", w.Code)
		}
		if m := jsonObject(t, w.Body.Bytes(), "status"); m["status"] == "" {
			t.Fatalf("empty status: %q", w.Body.Bytes())
		}
	})
}

func FuzzNodeco(f *testing.F) {
	h := fuzzApp(f)
	f.Add("nodeco/api-sandbox/v1/get_server_detail", "server_id=12346", formType, true)
	f.Add("nodeco/api-sandbox/v1/turn_server_off", "format=xml&server_id=12345", formType, true)
	f.Add("virtdedi/api/v1/get_server_detail", "server_id=12345", formType, true)
	f.Add("nodeco/api/v1/set_server_snapshot_schedule", "server_id=12345&daily_snapshot=yes&daily_snapshot_max_age=7", formType, true)
	f.Add("nodeco/api-sandbox/v1/share_server", "server_id=12345&email=second%40example.com", formType, false)
	f.Fuzz(func(t *testing.T, path, body, ctype string, sign bool) {
		if !strings.HasPrefix(path, "nodeco/") && !strings.HasPrefix(path, "virtdedi/") {
			t.Skip("outside the NODE prefixes")
		}
		if sign {
			body = nodecoBody() + "&" + body
		}
		w := serve(h, http.MethodPost, "/"+path, body, "Content-Type", ctype)
		noServerError(t, w)
		b := w.Body.Bytes()
		if strings.HasPrefix(w.Header().Get("Content-Type"), "application/xml") || strings.HasPrefix(w.Header().Get("Content-Type"), "text/xml") {
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Fatalf("XML: %v: %q", err, b)
			}
			return
		}
		if w.Code == http.StatusOK && !bytes.HasPrefix(b, []byte("{")) {
			return // a snapshot download or the console page
		}
		jsonObject(t, b, "code", "message", "data")
	})
}
