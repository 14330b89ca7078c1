package app_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

// postForm posts a dashboard form as a same-origin browser does, without
// following the redirect.
func postForm(t *testing.T, s *apptest.Server, path string, form url.Values) (int, string, string) {
	t.Helper()
	r := s.NoFollow().Do(t, "POST", path, form.Encode(), "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin")
	return r.Status, r.Header.Get("Location"), r.Body
}

func TestClockBadgeSaysFrozenOrAhead(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "GET", "/__admin/ui/requests", "")
	assert.Contains(t, r.Body, `id="clock-badge" class="tag live" `)
	assert.Contains(t, r.Body, `>real time</a>`)

	s.Advance(5 * time.Minute)
	r = s.Do(t, "GET", "/__admin/ui", "")
	assert.Contains(t, r.Body, `>&#43;5m ahead of real time</a>`, "the header badge")
	assert.Contains(t, r.Body, `<span class="tag ahead">&#43;5m ahead of real time</span>`, "the clock card")

	status, loc, _ := postForm(t, s, "/__admin/ui/clock", url.Values{"set": {"2024-09-14T23:03"}, "back": {"/__admin/ui/faults"}})
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, "/__admin/ui/faults", loc)
	assert.Equal(t, time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC), s.App.Clock.Now())
	r = s.Do(t, "GET", "/__admin/ui", "")
	assert.Contains(t, r.Body, `<time id="clock-now">2024-09-14T23:03:00Z</time> <span class="tag frozen">frozen</span>`)
	assert.Contains(t, r.Body, `<input type="text" name="set" id="clock-input" value="2024-09-14T23:03:00" `)
	assert.Contains(t, r.Body, `id="clock-badge" class="tag frozen" title="Mock clock: 2024-09-14T23:03:00Z">frozen</a>`)

	postForm(t, s, "/__admin/ui/clock", url.Values{"set": {"2024-09-15T01:00:00+07:00"}})
	assert.Equal(t, time.Date(2024, 9, 14, 18, 0, 0, 0, time.UTC), s.App.Clock.Now().UTC())
}

func TestFaultsPage(t *testing.T) {
	s := apptest.New(t, nil)
	r := s.Do(t, "GET", "/__admin/ui/faults", "")
	require.Equal(t, 200, r.Status)
	assert.Contains(t, r.Body, `<title>Faults · mocksuite</title>`)
	assert.Contains(t, r.Body, `<p class="empty" id="no-faults">No fault is armed.</p>`)
	assert.Contains(t, r.Body, `<option value="order">`, "the endpoint names are offered")

	status, loc, _ := postForm(t, s, "/__admin/ui/faults", url.Values{"provider": {"gempay"}, "endpoint": {"order"}, "kind": {"status"}, "status": {"503"}, "times": {"2"}})
	require.Equal(t, http.StatusSeeOther, status)
	assert.Equal(t, "/__admin/ui/faults", loc)
	r = s.Do(t, "GET", "/__admin/faults", "")
	assert.Equal(t, `{"faults":[{"id":1,"provider":"gempay","endpoint":"order","kind":"status","status":503,"times":2,"probability":1}]}`+"\n", r.Body)
	r = s.Do(t, "GET", "/__admin/ui/faults", "")
	assert.Contains(t, r.Body, `<tr id="fault-1">`)
	assert.Contains(t, r.Body, `<td class="times">2</td>`)

	// A typo comes back with the reason and what was typed; nothing is armed.
	status, _, body := postForm(t, s, "/__admin/ui/faults", url.Values{"provider": {"gempay"}, "endpoint": {"ordr"}, "kind": {"status"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `<p class="error" id="fault-error">endpoint: &#34;ordr&#34; is not an endpoint of gempay (one of cek-status, check-ml, order, products)</p>`)
	assert.Contains(t, body, `value="ordr"`)
	status, _, body = postForm(t, s, "/__admin/ui/faults", url.Values{"provider": {"gempay"}, "kind": {"delay"}, "delay": {"2s"}, "times": {"x"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, body, `times: &#34;x&#34; must be a whole number of at least 1`)
	assert.Len(t, s.App.Faults.List(), 1)

	status, _, _ = postForm(t, s, "/__admin/ui/faults/1/disarm", nil)
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Empty(t, s.App.Faults.List())
	status, _, body = postForm(t, s, "/__admin/ui/faults/1/disarm", nil)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, `{"error":"fault 1 is not armed"}`+"\n", body)

	postForm(t, s, "/__admin/ui/faults", url.Values{"provider": {"zipay"}, "kind": {"reset"}})
	postForm(t, s, "/__admin/ui/faults", url.Values{"provider": {"hostdime"}, "kind": {"empty"}})
	require.Len(t, s.App.Faults.List(), 2)
	status, _, _ = postForm(t, s, "/__admin/ui/faults/clear", nil)
	assert.Equal(t, http.StatusSeeOther, status)
	assert.Empty(t, s.App.Faults.List())

	// Other sites' forms cannot arm faults in a developer's mock.
	r = s.Do(t, "POST", "/__admin/ui/faults", "provider=gempay&kind=reset", "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site")
	assert.Equal(t, http.StatusForbidden, r.Status)
	assert.Empty(t, s.App.Faults.List())
}
