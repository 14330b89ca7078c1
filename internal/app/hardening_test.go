package app_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // a second, foreign connection to the DB file
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/app"
	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/providers"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// The attacks of issue 13, against the real router.
func TestControlPlaneRefusesBrowserAttacks(t *testing.T) {
	s := apptest.New(t, nil)
	s.Do(t, "GET", "/gempay/api/nothing", "")
	r := s.Do(t, "POST", "/__admin/reset", "x", "Content-Type", "text/plain", "Origin", "http://evil.example")
	assert.Equal(t, 403, r.Status)
	assert.Equal(t, `{"error":"cross-site request refused: Origin http://evil.example does not match Host `+strings.TrimPrefix(s.URL, "http://")+`"}`+"\n", r.Body)
	r = s.Do(t, "POST", "/__admin/reset", "x", "Content-Type", "text/plain")
	assert.Equal(t, 415, r.Status)
	assert.Equal(t, `{"error":"Content-Type must be application/json, not \"text/plain\""}`+"\n", r.Body)
	r = s.Do(t, "GET", "/__admin/zipay/accounts", "", "Host", "rebind.evil.example:8080")
	assert.Equal(t, 403, r.Status)
	assert.Equal(t, `{"error":"host \"rebind.evil.example:8080\" is not allowed on the control plane: add it to admin_hosts"}`+"\n", r.Body)
	assert.Equal(t, `{"count":1}`+"\n", s.Do(t, "GET", "/__admin/requests/count", "").Body, "nothing was reset")

	withHosts := apptest.New(t, func(c *config.Config) { c.AdminHosts = []string{"mocksuite"} })
	assert.Equal(t, 200, withHosts.Do(t, "GET", "/__admin/zipay/accounts", "", "Host", "mocksuite:8080").Status)
}

func TestAdminTokenOnRealRoutes(t *testing.T) {
	s := apptest.New(t, func(c *config.Config) { c.AdminToken = "t0ken-for-tests" })
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/__admin/zipay/accounts", ""}, {"POST", "/__admin/reset", ""}, {"POST", "/__admin/clock", `{"advance":"1h"}`},
		{"POST", "/__admin/zipay/accounts", `{"number":"1","email":"a@b.c","name":"x","balances":{"USD":"1000000"}}`},
		{"POST", "/__admin/faults", `{"provider":"gempay","kind":"status"}`}, {"GET", "/__admin/requests", ""}, {"GET", "/__admin/ui", ""},
	} {
		r := s.Do(t, c.method, c.path, c.body, "Accept", "application/json")
		if c.path == "/__admin/ui" {
			assert.Equal(t, http.StatusOK, r.Status, "redirected to the login page")
			assert.Contains(t, r.Body, `<input type="password" name="token"`)
			continue
		}
		assert.Equal(t, 401, r.Status, c)
		assert.Equal(t, `{"error":"admin token required"}`+"\n", r.Body, c)
	}
	assert.Equal(t, `{"status":"ok","version":"0.1.0"}`+"\n", s.Do(t, "GET", "/__admin/health", "").Body)
	r := s.Do(t, "GET", "/__admin/zipay/accounts/10025", "", "Authorization", "Bearer t0ken-for-tests")
	assert.Equal(t, 200, r.Status)
	assert.Contains(t, r.Body, `"secret":"f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"`, "the accounts API still shows keys")
	// The providers' own APIs stay open: that is what clients under test call.
	assert.Equal(t, 200, s.Do(t, "GET", "/gempay/api/products", "", "Authorization", "Bearer gempay-test-key-0001").Status)
}

// 1,000 badly signed Zipay requests of 1 MiB: before the byte bound each kept
// its canonical string in the journal (1.8 GB of RSS).
func TestJournalMemoryBoundedUnderBigRefusedBodies(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 1 GB over loopback")
	}
	s := apptest.New(t, nil)
	body := "currency=USDT&pad=" + strings.Repeat("A", (1<<20)-64)
	sign := verify.SignZipay("not-the-secret", "x")
	n := 1000
	if raceOn {
		n = 100 // the race detector's shadow memory counts in RSS: only the heap and the answer are checked
	}
	for i := 0; i < n; i++ {
		req, _ := http.NewRequest("POST", s.URL+"/zipay/api/balance", strings.NewReader(body))
		req.Header["api_key"] = []string{"4f3c12fa0a1d1ac8b026298b980f16b2"}
		req.Header["api_sign"] = []string{sign}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := s.Client().Do(req)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}

	r := s.Do(t, "GET", "/__admin/requests/count?outcome=rejected", "")
	require.Equal(t, fmt.Sprintf(`{"count":%d}`, n)+"\n", r.Body, "every entry is kept: 16 MiB holds them")
	list := s.Do(t, "GET", "/__admin/requests", "")
	assert.Less(t, len(list.Body), 20<<20, "GET /__admin/requests")
	assert.Contains(t, list.Body, "more bytes cut]")

	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	assert.Less(t, m.HeapInuse, uint64(60<<20), "heap in use")
	if raceOn {
		return
	}
	rss, peak := residentBytes(t, "VmRSS:"), residentBytes(t, "VmHWM:")
	assert.Less(t, rss, int64(120<<20), "resident set")
	assert.Less(t, peak, int64(120<<20), "peak resident set")
	t.Logf("heap in use %d MiB, RSS %d MiB (peak %d MiB), GET /__admin/requests %d KiB", m.HeapInuse>>20, rss>>20, peak>>20, len(list.Body)>>10)
}

// residentBytes reads a size line of /proc/self/status (VmRSS: now, VmHWM: the peak).
func residentBytes(t *testing.T, field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc: RSS unknown")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			require.NoError(t, err)
			return kb << 10
		}
	}
	t.Fatal("no " + field + " line")
	return 0
}

// serveReal runs the app on a real loopback listener.
func serveReal(t *testing.T, tweak func(*config.Config), logTo io.Writer) (*app.App, string) {
	t.Helper()
	cfg := providers.DefaultConfig()
	cfg.DB = ":memory:"
	if tweak != nil {
		tweak(&cfg)
	}
	if logTo == nil {
		logTo = io.Discard
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(logTo, nil)))
	require.NoError(t, err)
	ln, err := net.Listen("tcp", cfg.Addr)
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		assert.NoError(t, <-done)
		_ = a.Close()
	})
	return a, ln.Addr().String()
}

// closedWithin reads from conn until it is closed and reports how long that took.
func closedWithin(t *testing.T, conn net.Conn, max time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(start.Add(max)))
	_, err := io.Copy(io.Discard, conn)
	took := time.Since(start)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the server kept the connection open for %s", max)
	}
	return took
}

func TestSlowClientsAreCut(t *testing.T) {
	_, addr := serveReal(t, func(c *config.Config) {
		c.Addr = "127.0.0.1:0"
		c.ReadHeaderTimeout = 300 * time.Millisecond
		c.ReadBodyTimeout = 500 * time.Millisecond
		c.IdleTimeout = 400 * time.Millisecond
	}, nil)

	t.Run("trickled headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = io.WriteString(conn, "GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
		require.NoError(t, err)
		assert.Less(t, closedWithin(t, conn, 5*time.Second), 3*time.Second)
	})
	t.Run("trickled body", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = io.WriteString(conn, "POST /gempay/api/order HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"us")
		require.NoError(t, err)
		stop := make(chan struct{})
		go func() { // one byte every 100 ms: headers done, body never finishes in time
			for i := 0; i < 90; i++ {
				select {
				case <-stop:
					return
				case <-time.After(100 * time.Millisecond):
				}
				if _, err := conn.Write([]byte("x")); err != nil {
					return
				}
			}
		}()
		took := closedWithin(t, conn, 8*time.Second)
		close(stop)
		assert.Less(t, took, 4*time.Second)
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = io.WriteString(conn, "GET /__admin/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		require.NoError(t, err)
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		assert.Equal(t, 200, res.StatusCode)
		took := closedWithin(t, conn, 5*time.Second)
		assert.Less(t, took, 3*time.Second)
	})
	t.Run("normal client served", func(t *testing.T) {
		// A body slower than the header timeout but within the body timeout is served.
		conn, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		defer conn.Close()
		_, err = io.WriteString(conn, "POST /__admin/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"adv")
		require.NoError(t, err)
		time.Sleep(350 * time.Millisecond) // real network time, past the header timeout
		_, err = io.WriteString(conn, `ance":"1m"}`)
		require.NoError(t, err)
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err)
		b, _ := io.ReadAll(res.Body)
		assert.Equal(t, 200, res.StatusCode, string(b))
	})
}

func TestSlowClientDefaults(t *testing.T) {
	c := providers.DefaultConfig()
	assert.Equal(t, []time.Duration{10 * time.Second, 60 * time.Second, 120 * time.Second}, []time.Duration{c.ReadHeaderTimeout, c.ReadBodyTimeout, c.IdleTimeout})
	assert.Equal(t, int64(16<<20), c.JournalBytes)
}

func TestOpenControlPlaneWarning(t *testing.T) {
	const warning = "the control plane /__admin is open to anyone who can reach this address"
	for _, c := range []struct {
		addr, token string
		warn        bool
	}{{"0.0.0.0:0", "", true}, {"127.0.0.1:0", "", false}, {"0.0.0.0:0", "t0ken", false}} {
		var logs safeBuffer
		_, _ = serveReal(t, func(cfg *config.Config) { cfg.Addr, cfg.AdminToken = c.addr, c.token }, &logs)
		require.Eventually(t, func() bool { return !c.warn || strings.Contains(logs.String(), warning) }, 2*time.Second, 10*time.Millisecond)
		time.Sleep(50 * time.Millisecond)
		lines := strings.Count(logs.String(), warning)
		if c.warn {
			assert.Equal(t, 1, lines, c)
			assert.Contains(t, logs.String(), "level=WARN")
		} else {
			assert.Zero(t, lines, c)
		}
	}
}

type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *safeBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// Another process holding the write lock stands for a DB that cannot take
// writes (read-only, disk full): the health check must say so.
func TestHealthDegradedWhenStoreStopsTakingWrites(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "GET", "/__admin/health", "")
	require.Equal(t, 200, r.Status)

	other, err := sql.Open("sqlite3", "file:"+s.App.Config.DB+"?_busy_timeout=100")
	require.NoError(t, err)
	defer other.Close()
	ctx := context.Background()
	conn, err := other.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	require.NoError(t, err)

	r = s.Do(t, "GET", "/__admin/health", "")
	assert.Equal(t, http.StatusServiceUnavailable, r.Status)
	assert.True(t, strings.HasPrefix(r.Body, `{"status":"degraded","reason":"store not writable: `), r.Body)

	_, err = conn.ExecContext(ctx, "ROLLBACK")
	require.NoError(t, err)
	r = s.Do(t, "GET", "/__admin/health", "")
	assert.Equal(t, `{"status":"ok","version":"0.1.0"}`+"\n", r.Body)
}

// gempayOrders places n orders and returns their ids (all must succeed).
func gempayOrders(t *testing.T, url string, from, n int) []string {
	t.Helper()
	const key = "gempay-test-key-0001"
	var ids []string
	for i := from; i < from+n; i++ {
		ref := fmt.Sprintf("REF_%d", i)
		sum := sha256.Sum256([]byte(key + ref + "15000"))
		req, _ := http.NewRequest("POST", url+"/gempay/api/order", strings.NewReader(`{"user_id":"123456","zone":"1234","produk_id":"1","ref_id":"`+ref+`"}`))
		req.Header.Set("Authorization", "Bearer "+hex.EncodeToString(sum[:]))
		req.Header.Set("X-API-Key", key)
		req.Header.Set("X-Request-Time", strconv.FormatInt(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC).Unix(), 10))
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		require.Equal(t, 200, res.StatusCode, "order %s: %s", ref, b)
		_, after, ok := strings.Cut(string(b), `"order_id":"`)
		require.True(t, ok, string(b))
		id, _, _ := strings.Cut(after, `"`)
		ids = append(ids, id)
	}
	return ids
}

func TestSeededIDsAfterRestartNeverCollide(t *testing.T) {
	dir := t.TempDir()
	start := func(db string) (*app.App, *httptest.Server) {
		cfg := providers.DefaultConfig()
		cfg.DB, cfg.Seed = filepath.Join(dir, db), 7
		a, err := newApp(cfg)
		require.NoError(t, err)
		a.Clock.Set(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
		return a, httptest.NewServer(a.Handler())
	}
	a, srv := start("a.db")
	first := gempayOrders(t, srv.URL, 0, 10)
	srv.Close()
	require.NoError(t, a.Close())

	a, srv = start("a.db") // a restart on the same file
	again := gempayOrders(t, srv.URL, 10, 10)
	for _, id := range again {
		assert.NotContains(t, first, id)
	}
	r, err := http.Post(srv.URL+"/__admin/reset", "application/json", nil)
	require.NoError(t, err)
	r.Body.Close()
	a.Clock.Set(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)) // a reset resumes the clock
	assert.Equal(t, first[:3], gempayOrders(t, srv.URL, 0, 3), "a reset repeats the seeded sequence")
	srv.Close()
	require.NoError(t, a.Close())

	a, srv = start("fresh.db")
	defer func() { srv.Close(); _ = a.Close() }()
	assert.Equal(t, first[:3], gempayOrders(t, srv.URL, 0, 3), "a fresh DB repeats the seeded sequence")
}
