package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/browsertest"
	"github.com/mocksuite/mocksuite/internal/journal"
	"github.com/mocksuite/mocksuite/internal/verify"
)

const (
	zipayKey    = "4f3c12fa0a1d1ac8b026298b980f16b2"
	zipaySecret = "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"
)

// openPage starts headless Chromium at the dashboard's size on the page path
// of s, and runs then there: the waits that say the page is ready, and what
// the test does first.
func openPage(t *testing.T, s *apptest.Server, path string, then ...chromedp.Action[chromedp.Void]) context.Context {
	t.Helper()
	ctx := browsertest.New(t, 90*time.Second, chromedp.WindowSize(1280, 860))
	require.NoError(t, chromedp.Do(ctx, append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(s.URL + path)}, then...)...))
	return ctx
}

// text is the text of the first element sel selects, as the page shows it.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	require.NoError(t, err)
	return v
}

// badlySigned sends a Zipay balance call with a signature made with the wrong secret.
func badlySigned(t *testing.T, s *apptest.Server) {
	body := "currency=USDT"
	s.Do(t, "POST", "/zipay/api/balance", body, "Content-Type", "application/x-www-form-urlencoded",
		"api_key", zipayKey, "api_sign", verify.SignZipay("not-the-secret", body))
}

func TestDashboardInChromium(t *testing.T) {
	s := apptest.New(t, nil)
	ctx := openPage(t, s, "/__admin/ui/requests", chromedp.WaitVisible(chromedp.CSS("#empty")))

	badlySigned(t, s)
	entries := s.App.Journal.List(journal.Filter{})
	require.Len(t, entries, 1)
	e := entries[0]
	require.Equal(t, "signature_mismatch", e.Reason, "the request is refused for its signature")
	require.NotEmpty(t, e.Explanation)
	row := "#req-" + itoa(e.ID)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(row+" summary")),
	))
	assert.Equal(t, "signature_mismatch", text(t, ctx, row+" .reason"))
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(row+" summary")),
		chromedp.WaitVisible(chromedp.CSS(row+" pre.explanation")),
	))
	explanation := text(t, ctx, row+" pre.explanation")
	assert.Equal(t, strings.TrimSpace(e.Explanation), strings.TrimSpace(explanation), "the explanation as the journal has it")
	open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(`+jsString(row)+`).open`))
	require.NoError(t, err)
	assert.True(t, open, "the row expands")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#reset")),
		chromedp.WaitVisible(chromedp.CSS("#empty")),
	))
	assert.Equal(t, "No requests recorded.", text(t, ctx, "#empty"))
	assert.Equal(t, 0, s.App.Journal.Count(journal.Filter{}))
}

// TestDashboardScreenshots regenerates docs/dashboard-*.png:
// MOCK_SCREENSHOTS=1 go test ./internal/app -run Screenshots
func TestDashboardScreenshots(t *testing.T) {
	if os.Getenv("MOCK_SCREENSHOTS") != "1" {
		t.Skip("set MOCK_SCREENSHOTS=1 to regenerate the dashboard screenshots")
	}
	s := apptest.New(t, nil)
	s.SetClock(time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
	good := "currency=USDT"
	s.Do(t, "POST", "/zipay/api/balance", good, "Content-Type", "application/x-www-form-urlencoded",
		"api_key", zipayKey, "api_sign", verify.SignZipay(zipaySecret, good))
	s.Advance(2 * time.Second)
	s.Do(t, "GET", "/gempay/api/products", "")
	s.Advance(3 * time.Second)
	s.Do(t, "POST", "/__admin/faults", `{"provider":"gempay","endpoint":"order","kind":"status","status":503}`)
	s.Do(t, "POST", "/gempay/api/order", `{"product":"ML86"}`, "Content-Type", "application/json", "Authorization", "Bearer gempay-test-key-0001")
	s.Advance(4 * time.Second)
	badlySigned(t, s)
	bad := s.App.Journal.List(journal.Filter{Limit: 1})[0]

	dir := filepath.Join("..", "..", "docs")
	row := "#req-" + itoa(bad.ID)
	ctx := openPage(t, s, "/__admin/ui", chromedp.WaitVisible(chromedp.CSS("table.providers")))
	overview, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/__admin/ui/requests"),
		chromedp.WaitVisible(chromedp.CSS(row+" summary")),
		chromedp.Click(chromedp.CSS(row+" summary")),
		chromedp.WaitVisible(chromedp.CSS(row+" pre.explanation")),
	))
	inspector, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dashboard-overview.png"), overview, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dashboard-inspector.png"), inspector, 0o644))
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }
