package overrides_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDashboardForms(t *testing.T) {
	s := newServer(t, nil)
	form := "application/x-www-form-urlencoded"
	r := s.Do(t, "POST", "/__admin/ui/overrides", "json="+url.QueryEscape(`{"provider":"nope","response":{"body":""}}`), "Content-Type", form)
	assert.Equal(t, 400, r.Status)
	assert.Contains(t, r.Body, `<p class="error" id="override-error">provider: &#34;nope&#34; is not one of nodeco, virtdedi, hostdime, gempay, geniusplugin, zipay</p>`)
	assert.Contains(t, r.Body, `&#34;provider&#34;:&#34;nope&#34;`, "the draft is kept")

	r = s.Do(t, "POST", "/__admin/ui/overrides", "json="+url.QueryEscape(`{"provider":"zipay","match":{"body_contains":"<x>"},"response":{"body":"z"}}`), "Content-Type", form)
	assert.Equal(t, 200, r.Status, "followed the redirect")
	assert.Contains(t, r.Body, `<p class="hint" id="override-added">Added override #1.</p>`)
	assert.Contains(t, r.Body, `<td><code>body contains &#34;&lt;x&gt;&#34;</code></td>`, "escaped")
	assert.Contains(t, r.Body, `<td class="left">unlimited</td>`)

	// A cross-site form cannot delete.
	r = s.Do(t, "POST", "/__admin/ui/overrides/1/delete", "", "Sec-Fetch-Site", "cross-site")
	assert.Equal(t, 403, r.Status)
	r = s.Do(t, "POST", "/__admin/ui/overrides/1/delete", "")
	assert.Equal(t, 200, r.Status)
	assert.True(t, strings.Contains(r.Body, `id="no-overrides"`))
	r = s.Do(t, "POST", "/__admin/ui/overrides/1/delete", "")
	assert.Equal(t, 404, r.Status)
	assert.Equal(t, `{"error":"override 1 not found"}`+"\n", r.Body)
}
