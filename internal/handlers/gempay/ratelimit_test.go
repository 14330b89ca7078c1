package gempay_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/handlers/gempay"
)

// bucketMode opts into the token buckets the emulator had before the rolling
// window became the default.
func bucketMode(c *config.Config) {
	config.SectionOf[*gempay.Config](c).RateLimitMode = gempay.RateLimitBucket
}

// limitCase is one documented limit: a caller for it, the status a call that
// passes the limit gets, and the documented 429 text.
type limitCase struct {
	name  string
	n     int
	tweak func(*config.Config)
	// setup prepares state (at t0) and returns one call of the limited kind.
	setup   func(t *testing.T, s *apptest.Server) func() apptest.Response
	pass    int
	refused string
}

func limitCases() []limitCase {
	products := func(t *testing.T, s *apptest.Server) func() apptest.Response {
		return func() apptest.Response {
			return s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller, "X-Forwarded-For", "10.0.0.1")
		}
	}
	// An order with an unparseable X-Request-Time passes both order limits
	// and is then refused with 400: cheap, and it charges nothing.
	badOrder := func(xff func(i int) string) func(t *testing.T, s *apptest.Server) func() apptest.Response {
		return func(t *testing.T, s *apptest.Server) func() apptest.Response {
			i := 0
			return func() apptest.Response {
				i++
				h := append(orderHeaders(keyReseller, "X", 15000, t0, "X-Forwarded-For", xff(i)), "X-Request-Time", "bad")
				return s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", "X"), h...)
			}
		}
	}
	status := func(t *testing.T, s *apptest.Server) func() apptest.Response {
		id := placeOrder(t, s, keyReseller, "1", "1", "RL", 15000)
		i := 0
		return func() apptest.Response {
			// Alternate the owner's key's two names and the caller IP: the
			// limit is the owner's, whatever the IP or the id form.
			i++
			if i%2 == 0 {
				return cekStatus(t, s, keyReseller, "RL", "X-Forwarded-For", "10.3.3.3")
			}
			return cekStatus(t, s, keyReseller, id)
		}
	}
	return []limitCase{
		{name: "product list per IP", n: 20, setup: products, pass: 200, refused: "Too many requests. Please try again later."},
		{name: "order per IP", n: 100, tweak: func(c *config.Config) { config.SectionOf[*gempay.Config](c).OrderPerUser = 1000 },
			setup: badOrder(func(int) string { return "10.1.1.1" }), pass: 400, refused: "Too many requests"},
		{name: "order per user", n: 30,
			setup: badOrder(func(i int) string { return "10.2.0." + strconv.Itoa(i%200+1) }), pass: 400, refused: "Too many requests"},
		{name: "status per user", n: 30, setup: status, pass: 200, refused: "Too many requests"},
	}
}

// Each documented limit counts accepted requests in a rolling 60 s window of
// the mock clock: N calls half a second apart pass, call N+1 is refused with
// Retry-After = the whole seconds until the first call leaves the window;
// 1 ms before the 60 s edge it is still refused (Retry-After: 1), at the edge
// exactly one slot is free again.
func TestRateLimitsRollingWindow(t *testing.T) {
	const step = 500 * time.Millisecond
	for _, c := range limitCases() {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, c.tweak)
			call := c.setup(t, s)
			for i := range c.n {
				s.SetClock(t0.Add(time.Duration(i) * step))
				r := call()
				require.Equal(t, c.pass, r.Status, "call %d: %s", i+1, r.Body)
			}
			refused := func(at time.Duration, retryAfter, what string) {
				t.Helper()
				s.SetClock(t0.Add(at))
				r := call()
				assertResp(t, r, 429, errBody(429, c.refused), what)
				assert.Equal(t, retryAfter, r.Header.Get("Retry-After"), what)
				assert.Equal(t, "rate_limited", lastEntry(t, s).Reason, what)
			}
			// Call N+1 at t0 + N/2 s; the first call leaves at t0 + 60 s.
			last := time.Duration(c.n) * step
			refused(last, strconv.Itoa(int((time.Minute-last)/time.Second)), fmt.Sprintf("call %d", c.n+1))
			refused(time.Minute-time.Millisecond, "1", "1 ms before the first call leaves the window")

			s.SetClock(t0.Add(time.Minute))
			r := call()
			require.Equal(t, c.pass, r.Status, "at 60 s the first call has left the window: %s", r.Body)
			refused(time.Minute, "1", "one slot only: the second call (t0+0.5 s) leaves at 60.5 s")

			s.SetClock(t0.Add(time.Minute + step))
			assert.Equal(t, c.pass, call().Status, "at 60.5 s the second slot is free")
		})
	}
}

// The steady clients: one product-list call every 1.5 s for 57 s, and
// one order a second for 58 s. The window lets through the documented N; the
// opt-in token bucket lets through nearly 2N, as the emulator used to.
func TestRateLimitsSteadyClient(t *testing.T) {
	cases := []struct {
		name     string
		tweak    func(*config.Config)
		products int
		orders   int
	}{
		{"window (default)", nil, 20, 30},
		{"bucket", bucketMode, 39, 59},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, c.tweak)
			ok := 0
			for i := 0; i <= 38; i++ { // 0 s … 57 s
				s.SetClock(t0.Add(time.Duration(i) * 1500 * time.Millisecond))
				if s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller).Status == 200 {
					ok++
				}
			}
			assert.Equal(t, c.products, ok, "product-list calls accepted in 57 s")

			ok = 0
			for i := 0; i <= 58; i++ { // 0 s … 58 s
				at := t0.Add(time.Minute + time.Duration(i)*time.Second)
				s.SetClock(at)
				ref := fmt.Sprintf("S-%d", i)
				r := s.Do(t, http.MethodPost, "/gempay/api/order", orderJSON("1", "", "1", ref), orderHeaders(keyReseller, ref, 15000, at)...)
				if r.Status == 200 {
					ok++
				} else {
					require.Equal(t, 429, r.Status, r.Body)
				}
			}
			assert.Equal(t, c.orders, ok, "orders accepted in 58 s")
		})
	}
}

// A refused call is not counted: a client hammering through its 429s gets its
// slots back when the accepted calls leave the window, not later.
func TestRateLimitWindowRefusedCallsNotCounted(t *testing.T) {
	s := newServer(t, func(c *config.Config) { config.SectionOf[*gempay.Config](c).ProductsPerIP = 2 })
	get := func() apptest.Response {
		return s.Do(t, http.MethodGet, "/gempay/api/products", "", "Authorization", "Bearer "+keyReseller)
	}
	require.Equal(t, 200, get().Status)
	require.Equal(t, 200, get().Status)
	for i := 1; i <= 59; i++ {
		s.SetClock(t0.Add(time.Duration(i) * time.Second))
		r := get()
		require.Equal(t, 429, r.Status)
		require.Equal(t, strconv.Itoa(60-i), r.Header.Get("Retry-After"), "at %d s", i)
	}
	s.SetClock(t0.Add(time.Minute))
	assert.Equal(t, 200, get().Status)
	assert.Equal(t, 200, get().Status)
	assert.Equal(t, 429, get().Status)

	// Admin reset clears the windows.
	require.Equal(t, 200, s.Do(t, http.MethodPost, "/__admin/reset?provider=gempay", "").Status)
	assert.Equal(t, 200, get().Status)
}
