package faults_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/faults"
	"github.com/mocksuite/mocksuite/internal/guard"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/providers"
)

// fake is a provider whose answers the tests know byte for byte.
type fake struct{ name string }

func (f fake) Name() string { return f.name }
func (f fake) Routes() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"success","path":"`+r.URL.Path+`"}`)
	})
}
func (f fake) WriteFailure(w http.ResponseWriter, r *http.Request, fl handlers.Failure) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(fl.Status)
	fmt.Fprintf(w, `{"status":"failed","message":"Server error %d"}`, fl.Status)
}
func (f fake) Reset() {}

type harness struct {
	*httptest.Server
	reg  *faults.Registry
	ring *journal.Ring
}

func newHarness(t *testing.T, seed int64) *harness {
	t.Helper()
	cfg := providers.DefaultConfig()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	src := ids.New(seed)
	var targets []faults.Target
	for _, name := range []string{"nodeco", "virtdedi", "hostdime", "gempay", "geniusplugin", "zipay"} {
		// The content type fake.WriteFailure writes, as a descriptor declares it.
		targets = append(targets, faults.Target{Name: name, ContentType: handlers.ContentType("application/json; charset=utf-8")})
	}
	reg := faults.New(targets, src, logger)
	ring := journal.New(100)
	deps := handlers.Deps{Clock: clock.New(), Config: &cfg, IPs: guard.NewIPResolver(nil), IDs: src, Logger: logger}
	root := chi.NewRouter()
	adm := chi.NewRouter()
	reg.Mount(adm)
	root.Mount("/__admin", adm)
	for _, name := range []string{"gempay", "hostdime"} {
		h := handlers.Wrap(fake{name}, deps, ring, "/"+name, reg)
		root.Mount("/"+name, http.StripPrefix("/"+name, h))
	}
	ts := httptest.NewServer(root)
	t.Cleanup(ts.Close)
	return &harness{Server: ts, reg: reg, ring: ring}
}

type resp struct {
	Status int
	Header http.Header
	Body   string
}

func (h *harness) do(t *testing.T, method, path, body string) resp {
	t.Helper()
	req, err := http.NewRequest(method, h.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	res, err := h.Client().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return resp{res.StatusCode, res.Header, string(b)}
}

func (h *harness) arm(t *testing.T, spec string) {
	t.Helper()
	r := h.do(t, "POST", "/__admin/faults", spec)
	require.Equal(t, http.StatusCreated, r.Status, r.Body)
}

func TestEndpointKey(t *testing.T) {
	for _, c := range []struct{ provider, path, want string }{
		{"gempay", "/api/order", "order"},
		{"geniusplugin", "/api/v1/getcredit/", "getcredit"},
		{"nodeco", "/api/v1/get_server_detail", "get_server_detail"},
		{"zipay", "/v1/invoice.json", "invoice"},
		{"hostdime", "/v1/server/power/cycle.json", "server.power.cycle"},
		{"hostdime", "/v1/utility/echo.json", "utility.echo"},
		{"hostdime", "/other/thing.json", "thing"},
		{"gempay", "/", ""},
	} {
		assert.Equal(t, c.want, faults.EndpointKey(c.provider, c.path), c.path)
	}
}

func TestAdminAPI(t *testing.T) {
	h := newHarness(t, 1)
	r := h.do(t, "POST", "/__admin/faults", `{"provider":"gempay","endpoint":"order","kind":"status","status":503,"times":2}`)
	assert.Equal(t, 201, r.Status)
	assert.Equal(t, `{"id":1,"provider":"gempay","endpoint":"order","kind":"status","status":503,"times":2,"probability":1}`+"\n", r.Body)
	r = h.do(t, "POST", "/__admin/faults", `{"provider":"zipay","kind":"delay","delay":"1500ms","probability":0.25}`)
	assert.Equal(t, `{"id":2,"provider":"zipay","kind":"delay","delay":"1.5s","times":1,"probability":0.25}`+"\n", r.Body)
	r = h.do(t, "POST", "/__admin/faults", `{"provider":"hostdime","kind":"status"}`)
	assert.Equal(t, `{"id":3,"provider":"hostdime","kind":"status","status":500,"times":1,"probability":1}`+"\n", r.Body)

	r = h.do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"faults":[`+
		`{"id":1,"provider":"gempay","endpoint":"order","kind":"status","status":503,"times":2,"probability":1},`+
		`{"id":2,"provider":"zipay","kind":"delay","delay":"1.5s","times":1,"probability":0.25},`+
		`{"id":3,"provider":"hostdime","kind":"status","status":500,"times":1,"probability":1}]}`+"\n", r.Body)

	r = h.do(t, "DELETE", "/__admin/faults/2", "")
	assert.Equal(t, `{"id":2,"provider":"zipay","kind":"delay","delay":"1.5s","times":1,"probability":0.25}`+"\n", r.Body)
	r = h.do(t, "DELETE", "/__admin/faults/2", "")
	assert.Equal(t, 404, r.Status)
	assert.Equal(t, `{"error":"fault 2 is not armed"}`+"\n", r.Body)
	r = h.do(t, "DELETE", "/__admin/faults/x", "")
	assert.Equal(t, 400, r.Status)
	assert.Equal(t, `{"error":"fault id must be an integer"}`+"\n", r.Body)

	r = h.do(t, "DELETE", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[]}`+"\n", r.Body)
	r = h.do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[]}`+"\n", r.Body)
}

func TestValidation(t *testing.T) {
	h := newHarness(t, 1)
	for _, c := range []struct{ body, msg string }{
		{``, `request body is empty: a JSON object is expected`},
		{`{"provider":"gempay","kind":"status","colour":"red"}`, `bad JSON body: json: unknown field \"colour\"`},
		{`{"provider":"paypal","kind":"status"}`, `provider: \"paypal\" is not one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay`},
		{`{"kind":"status"}`, `provider: \"\" is not one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay`},
		{`{"provider":"gempay","endpoint":"api/order","kind":"status"}`, `endpoint: \"api/order\" is not an endpoint name like \"order\", \"getcredit\" or \"server.power.cycle\"`},
		{`{"provider":"gempay","kind":"explode"}`, `kind: \"explode\" is not one of status, delay, reset, empty, malformed`},
		{`{"provider":"gempay","kind":"status","status":99}`, `status: 99 is not an HTTP status between 100 and 599`},
		{`{"provider":"gempay","kind":"status","status":600}`, `status: 600 is not an HTTP status between 100 and 599`},
		{`{"provider":"gempay","kind":"empty","status":500}`, `status: only meaningful with kind \"status\", not \"empty\"`},
		{`{"provider":"gempay","kind":"delay"}`, `delay: required with kind \"delay\" (a Go duration such as \"2s\")`},
		{`{"provider":"gempay","kind":"delay","delay":"2 seconds"}`, `delay: \"2 seconds\" is not a Go duration above 0 and at most 5m0s`},
		{`{"provider":"gempay","kind":"delay","delay":"-1s"}`, `delay: \"-1s\" is not a Go duration above 0 and at most 5m0s`},
		{`{"provider":"gempay","kind":"delay","delay":"1h"}`, `delay: \"1h\" is not a Go duration above 0 and at most 5m0s`},
		{`{"provider":"gempay","kind":"reset","times":0}`, `times: 0 must be at least 1`},
		{`{"provider":"gempay","kind":"reset","probability":1.5}`, `probability: 1.5 is not between 0 and 1`},
		{`{"provider":"gempay","kind":"reset","probability":-0.1}`, `probability: -0.1 is not between 0 and 1`},
		{`{"provider":"gempay","kind":"reset","times":"2"}`, `bad JSON body: json: cannot unmarshal string into Go struct field Spec.times of type int`},
	} {
		r := h.do(t, "POST", "/__admin/faults", c.body)
		assert.Equal(t, 400, r.Status, c.body)
		assert.Equal(t, `{"error":"`+c.msg+`"}`+"\n", r.Body, c.body)
	}
	assert.Empty(t, h.reg.List())
}

func TestStatusFault(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","endpoint":"order","kind":"status","status":503,"times":2}`)

	r := h.do(t, "POST", "/gempay/api/status", "")
	assert.Equal(t, 200, r.Status, "another endpoint is not touched")
	for range 2 {
		r = h.do(t, "POST", "/gempay/api/order", "")
		assert.Equal(t, 503, r.Status)
		assert.Equal(t, `{"status":"failed","message":"Server error 503"}`, r.Body)
	}
	r = h.do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 200, r.Status, "times used up")
	assert.Equal(t, `{"status":"success","path":"/api/order"}`, r.Body)
	assert.Empty(t, h.reg.List())

	got := h.ring.List(journal.Filter{Outcome: journal.OutcomeFault})
	require.Len(t, got, 2)
	assert.Equal(t, "fault", got[0].Reason)
	assert.Equal(t, "fault #1: injected status 503", got[0].Explanation)
	assert.Equal(t, 503, got[0].Status)
	assert.Equal(t, "order", got[0].Endpoint)
}

func TestHostdimeDottedEndpoint(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"hostdime","endpoint":"server.power.cycle","kind":"status","status":502}`)
	assert.Equal(t, 200, h.do(t, "GET", "/hostdime/v1/server/power/off.json", "").Status)
	assert.Equal(t, 200, h.do(t, "GET", "/gempay/v1/server/power/cycle.json", "").Status, "other provider")
	assert.Equal(t, 502, h.do(t, "GET", "/hostdime/v1/server/power/cycle.json", "").Status)
}

func TestEmptyFault(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","kind":"empty"}`)
	r := h.do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, "", r.Body)
	assert.Equal(t, "0", r.Header.Get("Content-Length"))
	e := h.ring.List(journal.Filter{})[0]
	assert.Equal(t, []string{"fault", "fault #1: empty 200 response"}, []string{e.Outcome, e.Explanation})
}

func TestMalformedFault(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","endpoint":"order","kind":"malformed"}`)
	r := h.do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 200, r.Status)
	assert.Equal(t, `{"status":"succ`, r.Body)
	assert.Equal(t, "application/json; charset=utf-8", r.Header.Get("Content-Type"), "the provider's content type")
	e := h.ring.List(journal.Filter{})[0]
	assert.Equal(t, []string{"fault", "fault #1: truncated JSON body"}, []string{e.Outcome, e.Explanation})
	assert.Len(t, h.ring.List(journal.Filter{}), 1, "the content-type probe leaves no entry")
}

func TestResetFault(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","kind":"reset"}`)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Post(h.URL+"/gempay/api/order", "text/plain", strings.NewReader("x"))
	if err == nil {
		res.Body.Close()
	}
	require.Error(t, err, "no response at all")
	// The server records the exchange after it has closed the connection, so
	// the client can see the reset first: wait for the entry.
	require.Eventually(t, func() bool { return len(h.ring.List(journal.Filter{})) == 1 }, 5*time.Second, time.Millisecond)
	e := h.ring.List(journal.Filter{})[0]
	assert.Equal(t, []string{"fault", "fault #1: connection closed without a response"}, []string{e.Outcome, e.Explanation})
	assert.Equal(t, 200, h.do(t, "POST", "/gempay/api/order", "").Status, "gone after one")
}

func TestDelayFault(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","kind":"delay","delay":"120ms"}`)
	start := time.Now()
	r := h.do(t, "POST", "/gempay/api/order", "")
	assert.GreaterOrEqual(t, time.Since(start), 120*time.Millisecond)
	assert.Equal(t, 200, r.Status, "then the provider answers")
	assert.Equal(t, `{"status":"success","path":"/api/order"}`, r.Body)
	e := h.ring.List(journal.Filter{})[0]
	assert.Equal(t, "ok", e.Outcome, "the provider's verdict stands")
	assert.GreaterOrEqual(t, e.DurationMS, 120.0)
}

func TestDelayEndsWithTheRequest(t *testing.T) {
	h := newHarness(t, 1)
	// The delay is long so that only the client's leaving can end it; the test
	// itself waits for that, a few milliseconds.
	h.arm(t, `{"provider":"gempay","kind":"status","status":504,"delay":"5s"}`)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", h.URL+"/gempay/api/order", nil)
	res, err := h.Client().Do(req)
	if err == nil {
		res.Body.Close()
	}
	require.Error(t, err)
	require.Eventually(t, func() bool { return h.ring.Count(journal.Filter{}) == 1 }, 3*time.Second, 5*time.Millisecond)
	e := h.ring.List(journal.Filter{})[0]
	assert.Equal(t, "fault #1: the client went away during the 5s delay", e.Explanation)
}

func TestProbabilityIsSeeded(t *testing.T) {
	pattern := func(seed int64) string {
		h := newHarness(t, seed)
		h.arm(t, `{"provider":"gempay","kind":"status","status":500,"times":100,"probability":0.5}`)
		var b strings.Builder
		for range 24 {
			if h.do(t, "GET", "/gempay/api/order", "").Status == 500 {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		return b.String()
	}
	a := pattern(42)
	assert.Equal(t, a, pattern(42), "same seed, same decisions")
	assert.Contains(t, a, "x")
	assert.Contains(t, a, ".")

	h := newHarness(t, 42)
	h.arm(t, `{"provider":"gempay","kind":"status","probability":0}`)
	for range 5 {
		assert.Equal(t, 200, h.do(t, "GET", "/gempay/api/order", "").Status)
	}
	assert.Equal(t, 1, h.reg.List()[0].Times, "a fault that did not fire is not used up")
}

func TestTimesUnderConcurrency(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","kind":"status","status":500,"times":3}`)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for range 12 {
		wg.Go(func() {
			res, err := h.Client().Get(h.URL + "/gempay/api/order")
			if !assert.NoError(t, err) {
				return
			}
			res.Body.Close()
			if res.StatusCode == 500 {
				mu.Lock()
				failed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 3, failed)
}

func TestClear(t *testing.T) {
	h := newHarness(t, 1)
	h.arm(t, `{"provider":"gempay","kind":"reset"}`)
	h.arm(t, `{"provider":"zipay","kind":"empty"}`)
	h.arm(t, `{"provider":"gempay","kind":"empty"}`)
	h.reg.Clear("gempay")
	list := h.reg.List()
	require.Len(t, list, 1)
	assert.Equal(t, "zipay", list[0].Provider)
	h.reg.Clear("")
	assert.Empty(t, h.reg.List())
}
