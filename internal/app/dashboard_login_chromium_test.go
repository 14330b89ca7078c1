package app_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/config"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// With an admin token the dashboard asks for it once, keeps it where scripts
// cannot read it, and its forms keep working.
func TestDashboardLoginInChromium(t *testing.T) {
	s := apptest.New(t, func(c *config.Config) { c.AdminToken = "chr0me-t0ken" })
	badlySigned(t, s)

	ctx := openPage(t, s, "/__admin/ui/requests",
		chromedp.WaitVisible(chromedp.CSS("#token")),
		chromedp.SendKeys(chromedp.CSS("#token"), "wrong"),
		chromedp.Click(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS("#login-failed")),
		chromedp.SendKeys(chromedp.CSS("#token"), "chr0me-t0ken"),
		chromedp.Click(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS("details.entry summary")),
	)
	cookies, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie`))
	require.NoError(t, err)
	assert.NotContains(t, cookies, "chr0me-t0ken", "HttpOnly: scripts cannot read the token")

	// Asked once: the next page and the Reset all form go through.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/__admin/ui"),
		chromedp.WaitVisible(chromedp.CSS("#clock-now")),
		chromedp.Navigate(s.URL+"/__admin/ui/requests"),
		chromedp.WaitVisible(chromedp.CSS("#reset")),
		chromedp.Click(chromedp.CSS("#reset")),
		chromedp.WaitVisible(chromedp.CSS("#empty")),
	))
	assert.Equal(t, 0, s.App.Journal.Count(journal.Filter{}))
}
