package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
	"github.com/mocksuite/mocksuite/internal/clock"
	"github.com/mocksuite/mocksuite/internal/handlers"
	"github.com/mocksuite/mocksuite/internal/ids"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/store"
)

type stubProvider struct{ name string }

func (p stubProvider) Name() string                                                      { return p.name }
func (p stubProvider) Routes() http.Handler                                              { return http.NotFoundHandler() }
func (p stubProvider) WriteFailure(http.ResponseWriter, *http.Request, handlers.Failure) {}
func (p stubProvider) Reset()                                                            {}

// statefulProvider shows one state table, with a hostile cell.
type statefulProvider struct{ stubProvider }

func (statefulProvider) StateViews(context.Context) ([]StateView, error) {
	return []StateView{{Title: "Orders", Columns: []string{"id", "status"}, Rows: [][]string{{"T1", "<b>Pending</b>"}}}}, nil
}

type uiHarness struct {
	*httptest.Server
	ring    *journal.Ring
	clock   *clock.Controllable
	resets  []string
	noRedir *http.Client
}

func newUI(t *testing.T) *uiHarness {
	t.Helper()
	st, err := store.Open(context.Background(), store.Memory, fixtures.FS, []store.Seeder{store.GempaySeeder(), store.ZipaySeeder()})
	require.NoError(t, err)
	t.Cleanup(func() { _ = st.Close() })
	h := &uiHarness{ring: journal.New(50), clock: clock.New()}
	d := Deps{
		Version: "9.9.9", Clock: h.clock, Store: st, Journal: h.ring, IDs: ids.New(1),
		Providers: []handlers.Provider{stubProvider{"gempay"}, statefulProvider{stubProvider{"zipay"}}},
		Logger:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		Hosts:     map[string]string{"gempaytopup.com": "gempay", "api.zipay.io": "zipay"},
		Credentials: map[string][]handlers.Credential{
			"gempay": {{Label: "api key", Value: "gempay-test-key-0001"}},
			"zipay": {
				{Label: "api key", Value: "4f3c12fa0a1d1ac8b026298b980f16b2"},
				{Label: "secret", Value: "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"},
			},
		},
		OnReset: func(p string) { h.resets = append(h.resets, p) },
	}
	root := chi.NewRouter()
	root.Mount("/__admin", New(d))
	h.Server = httptest.NewServer(root)
	t.Cleanup(h.Close)
	h.noRedir = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return h
}

func (h *uiHarness) get(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(h.URL + path)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	if res.StatusCode == 200 {
		assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	}
	return res.StatusCode, string(b)
}

func (h *uiHarness) post(t *testing.T, path string, form url.Values, header ...string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest("POST", h.URL+path, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := h.noRedir.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func TestOverview(t *testing.T) {
	h := newUI(t)
	h.clock.Set(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	h.ring.Add(journal.Entry{Provider: "gempay", Outcome: journal.OutcomeRejected})
	status, body := h.get(t, "/__admin/ui")
	require.Equal(t, 200, status)
	host := strings.TrimPrefix(h.URL, "http://")
	for _, want := range []string{
		`<title>Overview · mocksuite</title>`,
		`<time id="clock-now">2024-09-14T23:03:00Z</time> <span class="tag frozen">frozen</span>`,
		`<button name="advance" value="1h">+1 h</button>`,
		`<button name="resume" value="true">Resume real time</button>`,
		`<td><code>http://` + host + `/gempay</code></td>`,
		`<td><code>https://gempaytopup.com</code></td>`,
		`<span class="label">api key</span> <code class="secret">gempay-test-key-0001</code>`,
		`<span class="label">secret</span> <code class="secret">f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6</code>`,
		`<a href="/__admin/ui/requests" id="total">1 request</a>`,
		`<a class="tag rejected" href="/__admin/ui/requests?outcome=rejected">rejected: 1</a>`,
		`<button type="submit" id="reset"`,
	} {
		assert.Contains(t, body, want)
	}
	assert.NotContains(t, body, "http://cdn", "no external assets")
	assert.NotContains(t, body, `src="http`)
}

func TestRequestsPage(t *testing.T) {
	h := newUI(t)
	at := time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)
	h.ring.Add(journal.Entry{Time: at, Provider: "gempay", Endpoint: "order", Method: "POST", Path: "/api/order", Status: 200, Outcome: journal.OutcomeOK, ClientIP: "127.0.0.1"})
	h.ring.Add(journal.Entry{Time: at, Provider: "zipay", Method: "POST", Path: "/v1/invoice", Status: 401, Outcome: journal.OutcomeRejected,
		Reason: "signature_mismatch", Explanation: "canonical string: POST\n/v1/invoice\n<script>alert(1)</script>",
		RequestHdr: map[string]string{"Api-Sign": "ab…cd"}, RequestBody: `<script>alert("body")</script>`, ResponseBody: `{"error":"bad sign"}`})

	status, body := h.get(t, "/__admin/ui/requests")
	require.Equal(t, 200, status)
	assert.Less(t, strings.Index(body, `id="req-2"`), strings.Index(body, `id="req-1"`), "newest first")
	for _, want := range []string{
		`<span class="path"><b>POST</b> /v1/invoice</span>`,
		`<span class="tag rejected">rejected</span>`,
		`<span class="reason">signature_mismatch</span>`,
		`<span class="time">2024-09-14 23:03:00.000</span>`,
		`<pre class="explanation">canonical string: POST
/v1/invoice
&lt;script&gt;alert(1)&lt;/script&gt;</pre>`,
		`<pre>&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;</pre>`,
		`<pre>{&#34;error&#34;:&#34;bad sign&#34;}</pre>`,
		`<pre>Api-Sign: ab…cd
</pre>`,
		`<a href="/__admin/requests/2">JSON</a>`,
		`<span class="path"><b>POST</b> /api/order <em>order</em></span>`,
	} {
		assert.Contains(t, body, want)
	}
	assert.NotContains(t, body, "<script>alert")

	_, body = h.get(t, "/__admin/ui/requests?provider=zipay")
	assert.Contains(t, body, `id="req-2"`)
	assert.NotContains(t, body, `id="req-1"`)
	assert.Contains(t, body, `<option value="zipay" selected>zipay</option>`)
	_, body = h.get(t, "/__admin/ui/requests?outcome=ok")
	assert.Contains(t, body, `id="req-1"`)
	assert.NotContains(t, body, `id="req-2"`)
	_, body = h.get(t, "/__admin/ui/requests?outcome=fault")
	assert.Contains(t, body, `<p class="empty" id="empty">No requests recorded for this filter.</p>`)

	status, body = h.get(t, "/__admin/ui/requests?limit=x")
	assert.Equal(t, 400, status)
	assert.Equal(t, `{"error":"limit: \"x\" is not a non-negative integer"}`+"\n", body)
}

func TestClockButtons(t *testing.T) {
	h := newUI(t)
	at := time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC)
	h.clock.Set(at)
	status, loc, _ := h.post(t, "/__admin/ui/clock", url.Values{"advance": {"5m"}, "back": {"/__admin/ui"}})
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, "/__admin/ui", loc)
	assert.Equal(t, at.Add(5*time.Minute), h.clock.Now())

	status, _, _ = h.post(t, "/__admin/ui/clock", url.Values{"advance": {"1h"}, "back": {"https://elsewhere.example/"}})
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, at.Add(65*time.Minute), h.clock.Now())

	_, loc, _ = h.post(t, "/__admin/ui/clock", url.Values{"resume": {"true"}, "back": {"/__admin/ui/requests?provider=zipay"}})
	assert.Equal(t, "/__admin/ui/requests?provider=zipay", loc)
	assert.False(t, h.clock.Frozen())

	for _, c := range []struct {
		form url.Values
		msg  string
	}{
		{url.Values{"advance": {"soon"}}, `advance: \"soon\" is not a non-negative Go duration`},
		{url.Values{"resume": {"no"}}, `resume: only true is meaningful`},
		{url.Values{}, `give \"set\" (a time), \"advance\" (Go duration) or \"resume\" (true)`},
		{url.Values{"set": {"tomorrow"}}, `set: \"tomorrow\" is not a time like 2024-09-14T23:03:00Z (RFC 3339, or UTC without the zone)`},
	} {
		status, _, body := h.post(t, "/__admin/ui/clock", c.form)
		assert.Equal(t, 400, status)
		assert.Equal(t, `{"error":"`+c.msg+`"}`+"\n", body)
	}
}

func TestBackStaysOnTheDashboard(t *testing.T) {
	h := newUI(t)
	for back, want := range map[string]string{
		"https://elsewhere.example/": "/__admin/ui",
		"//elsewhere.example/":       "/__admin/ui",
		"":                           "/__admin/ui",
		"/__admin/ui/state/zipay":    "/__admin/ui/state/zipay",
	} {
		_, loc, _ := h.post(t, "/__admin/ui/clock", url.Values{"advance": {"0s"}, "back": {back}})
		assert.Equal(t, want, loc, back)
	}
}

func TestResetButton(t *testing.T) {
	h := newUI(t)
	h.ring.Add(journal.Entry{Provider: "gempay", Outcome: journal.OutcomeOK})
	h.clock.Set(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	status, loc, _ := h.post(t, "/__admin/ui/reset", url.Values{"back": {"/__admin/ui/requests"}})
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, "/__admin/ui/requests", loc)
	assert.Equal(t, 0, h.ring.Count(journal.Filter{}))
	assert.False(t, h.clock.Frozen())
	assert.Equal(t, []string{""}, h.resets, "faults cleared too")

	_, body := h.get(t, "/__admin/ui/requests")
	assert.Contains(t, body, `<p class="empty" id="empty">No requests recorded.</p>`)

	status, _, body = h.post(t, "/__admin/ui/reset", url.Values{"provider": {"paypal"}})
	assert.Equal(t, 404, status)
	assert.Equal(t, `{"error":"unknown provider \"paypal\""}`+"\n", body)
}

func TestCrossSitePostsRefused(t *testing.T) {
	h := newUI(t)
	h.ring.Add(journal.Entry{Provider: "gempay", Outcome: journal.OutcomeOK})
	status, _, _ := h.post(t, "/__admin/ui/reset", url.Values{}, "Sec-Fetch-Site", "cross-site")
	assert.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, 1, h.ring.Count(journal.Filter{}))
	status, _, _ = h.post(t, "/__admin/ui/reset", url.Values{}, "Sec-Fetch-Site", "same-origin")
	assert.Equal(t, http.StatusSeeOther, status)
}

func TestStatePages(t *testing.T) {
	h := newUI(t)
	status, body := h.get(t, "/__admin/ui/state/zipay")
	require.Equal(t, 200, status)
	assert.Contains(t, body, `<h3>Orders</h3>`)
	assert.Contains(t, body, `<tr><td>T1</td><td>&lt;b&gt;Pending&lt;/b&gt;</td></tr>`)
	_, body = h.get(t, "/__admin/ui/state/gempay")
	assert.Contains(t, body, `<p class="empty">No state views for gempay yet.</p>`)
	status, body = h.get(t, "/__admin/ui/state/paypal")
	assert.Equal(t, 404, status)
	assert.Equal(t, `{"error":"unknown provider \"paypal\""}`+"\n", body)
}
