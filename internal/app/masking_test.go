package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/providers"
	"github.com/mocksuite/mocksuite/internal/verify"
)

type journaled struct {
	Query        string            `json:"query"`
	RequestHdr   map[string]string `json:"request_headers"`
	RequestBody  string            `json:"request_body"`
	ResponseBody string            `json:"response_body"`
}

func lastEntry(t *testing.T, base, provider string) journaled {
	t.Helper()
	res, err := http.Get(base + "/__admin/requests?limit=1&provider=" + provider)
	require.NoError(t, err)
	defer res.Body.Close()
	var v struct{ Requests []journaled }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&v))
	require.Len(t, v.Requests, 1)
	return v.Requests[0]
}

// Secrets never reach the journal or the log in full, whatever the encoding.
func TestSecretsMaskedInJournalAndLog(t *testing.T) {
	cfg := providers.DefaultConfig()
	cfg.DB, cfg.Debug = ":memory:", true
	var logs safeBuffer
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	require.NoError(t, err)
	defer a.Close()
	a.Clock.Set(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC))
	srv := httptest.NewServer(a.Handler())
	defer srv.Close()

	// A NODE GET whose query holds "{" and a newline.
	checksum := verify.SignNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", "{x}\n")
	res, err := http.Get(srv.URL + "/nodeco/api-sandbox/v1/get_server_list?user_id=12312&random=%7Bx%7D%0A&checksum=" + checksum)
	require.NoError(t, err)
	res.Body.Close()
	e := lastEntry(t, srv.URL, "nodeco")
	assert.Equal(t, "user_id=12312&random=%7Bx%7D%0A&checksum="+checksum[:4]+"..."+checksum[len(checksum)-4:], e.Query)

	// A NODE answer echoing the root password: the journal's copy is masked.
	form := url.Values{"user_id": {"12312"}, "random": {"abc123"}, "checksum": {verify.SignNodeco("12312", "hasdh6ghvhgFDa454565jasdbNBS", "abc123")}, "server_id": {"12345"}}
	res, err = http.PostForm(srv.URL+"/nodeco/api-sandbox/v1/get_server_detail", form)
	require.NoError(t, err)
	answer, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Contains(t, string(answer), `"root_password":"Xk29LmQa77zP"`, "the client still gets it")
	e = lastEntry(t, srv.URL, "nodeco")
	assert.Contains(t, e.ResponseBody, `"root_password":"Xk29...77zP"`)
	assert.NotContains(t, e.ResponseBody, "Xk29LmQa77zP")
	assert.Contains(t, e.RequestBody, "checksum="+form.Get("checksum")[:4]+"...")

	// A GeniusPlugin multipart body with hash and password.
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	for _, kv := range [][2]string{{"domain", "example.org"}, {"hash", "0123456789abcdef0123456789abcdef01234567"}, {"password", "Sup3rS3cretPass"}} {
		require.NoError(t, w.WriteField(kv[0], kv[1]))
	}
	require.NoError(t, w.Close())
	res, err = http.Post(srv.URL+"/geniusplugin/api/v1/autoregister/", w.FormDataContentType(), &mp)
	require.NoError(t, err)
	res.Body.Close()
	e = lastEntry(t, srv.URL, "geniusplugin")
	assert.Contains(t, e.RequestBody, "example.org")
	assert.Contains(t, e.RequestBody, "\r\n\r\n0123...4567\r\n")
	assert.Contains(t, e.RequestBody, "\r\n\r\nSup3...Pass\r\n")
	assert.NotContains(t, e.RequestBody, "Sup3rS3cretPass")

	// Zipay's key and signature headers, and a badly signed call's log line.
	req, _ := http.NewRequest("POST", srv.URL+"/zipay/api/balance", strings.NewReader("currency=USDT"))
	req.Header["api_key"] = []string{"4f3c12fa0a1d1ac8b026298b980f16b2"}
	req.Header["api_sign"] = []string{"c2lnbmF0dXJlLW5vdC12YWxpZA=="}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	e = lastEntry(t, srv.URL, "zipay")
	assert.Equal(t, "4f3c...16b2", e.RequestHdr["Api_key"])
	assert.Equal(t, "c2ln...ZA==", e.RequestHdr["Api_sign"])

	for _, secret := range []string{"Xk29LmQa77zP", "Sup3rS3cretPass", "0123456789abcdef0123456789abcdef01234567", "4f3c12fa0a1d1ac8b026298b980f16b2", "f7d36fd7f60ab0bac1205"} {
		assert.NotContains(t, logs.String(), secret)
	}
}
