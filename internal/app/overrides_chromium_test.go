package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

// The Overrides page in a real browser: a refused form shows the field at
// fault, an added override is listed, answers, counts its hits, shows in the
// request inspector and goes with its delete button.
func TestDashboardOverridesInChromium(t *testing.T) {
	s := apptest.New(t, nil)
	ctx := openPage(t, s, "/__admin/ui/overrides",
		chromedp.WaitVisible(chromedp.CSS("#no-overrides")),
		chromedp.SetValue(chromedp.CSS("#override-json"), `{"provider":"gempay","response":{"status":700,"body":""}}`),
		chromedp.Click(chromedp.CSS("#override-add")),
		chromedp.WaitVisible(chromedp.CSS("#override-error")),
	)
	trimmed := func(sel string) string { t.Helper(); return strings.TrimSpace(text(t, ctx, sel)) }
	assert.Equal(t, "response.status: 700 is not an HTTP status between 100 and 599", trimmed("#override-error"))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#override-json"),
			`{"provider":"gempay","endpoint":"order","after_auth":false,"times":2,"match":{"params":{"user_id":"42"}},"response":{"status":503,"json":{"status":"error"}}}`),
		chromedp.Click(chromedp.CSS("#override-add")),
		chromedp.WaitVisible(chromedp.CSS("#override-1")),
	))
	assert.Equal(t, "Added override #1.", trimmed("#override-added"))
	assert.Equal(t, "1\tgempay\torder\tuser_id=42\t503\tbefore checks\t0\t2\t0\tapi\t\nDelete", trimmed("#override-1"))

	r := s.Do(t, "POST", "/gempay/api/order", `{"user_id":"42"}`)
	require.Equal(t, 503, r.Status)
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#override-1"))))
	assert.Equal(t, "1", trimmed("#override-1 .left"))
	assert.Equal(t, "1", trimmed("#override-1 .hits"))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/__admin/ui/requests?outcome=override"),
		chromedp.WaitVisible(chromedp.CSS("a.override")),
	))
	assert.Equal(t, "override override #1", trimmed(".entry .reason"))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("a.override")),
		chromedp.WaitVisible(chromedp.CSS("#delete-1")),
		chromedp.Click(chromedp.CSS("#delete-1")),
		chromedp.WaitVisible(chromedp.CSS("#no-overrides")),
	))
	assert.Empty(t, s.App.Overrides.List())
}
