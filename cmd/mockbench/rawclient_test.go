package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The raw client must read both framings net/http answers with, and see
// every body whole, or a scenario's ok check would judge the wrong bytes.
func TestLoadReadsLengthAndChunkedAnswers(t *testing.T) {
	big := strings.Repeat("x", 10000) // over net/http's buffer: sent chunked
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/small":
			_, _ = w.Write([]byte(`{"ok":true}`))
		case "/big":
			_, _ = w.Write([]byte(big))
			_, _ = w.Write([]byte("END"))
		case "/post":
			if r.Header.Get("X-Sig") != "s" || r.ContentLength != 3 {
				w.WriteHeader(http.StatusBadRequest)
			}
		}
	}))
	defer srv.Close()

	r := load(context.Background(), srv.URL, 2, 200*time.Millisecond,
		func(int, int) request { return request{method: "GET", path: "/small"} }, status200With(`{"ok":true}`))
	assert.Zero(t, r.failures, r.firstErr)
	assert.Greater(t, r.requests, int64(10))

	r = load(context.Background(), srv.URL, 2, 200*time.Millisecond,
		func(int, int) request { return request{method: "GET", path: "/big"} },
		func(status int, body []byte) bool {
			return status == 200 && len(body) == len(big)+3 && strings.HasSuffix(string(body), "END")
		})
	assert.Zero(t, r.failures, r.firstErr)
	assert.Greater(t, r.requests, int64(10))

	r = load(context.Background(), srv.URL, 1, 100*time.Millisecond,
		func(int, int) request {
			return request{method: "POST", path: "/post", body: "a=b", header: [][2]string{{"X-Sig", "s"}}}
		}, status200With(""))
	assert.Zero(t, r.failures, r.firstErr)

	r = load(context.Background(), srv.URL, 1, 100*time.Millisecond,
		func(int, int) request { return request{method: "POST", path: "/post", body: "a=b"} }, status200With(""))
	require.Positive(t, r.failures, "a refused answer counts as a failure")
	assert.Contains(t, r.firstErr, "status 400")
}
