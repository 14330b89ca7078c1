package app_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
)

// The clock badge says what the mock clock does, and its field sets a time.
func TestDashboardClockBadgeInChromium(t *testing.T) {
	s := apptest.New(t, nil)
	ctx := openPage(t, s, "/__admin/ui", chromedp.WaitVisible(chromedp.CSS("#clock-badge.live")))
	assert.Equal(t, "real time", text(t, ctx, "#clock-badge"))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[name="advance"][value="5m"]`)),
		chromedp.WaitVisible(chromedp.CSS("#clock-badge.ahead")),
	))
	assert.Equal(t, "+5m ahead of real time", text(t, ctx, "#clock-badge"))
	assert.Equal(t, "+5m ahead of real time", text(t, ctx, ".clock .tag"))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#clock-input"), "2024-09-14T23:03:00"),
		chromedp.Click(chromedp.CSS("#clock-freeze")),
		chromedp.WaitVisible(chromedp.CSS("#clock-badge.frozen")),
	))
	assert.Equal(t, "frozen", text(t, ctx, "#clock-badge"))
	assert.Equal(t, "2024-09-14T23:03:00Z", text(t, ctx, "#clock-now"))
	assert.Equal(t, time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC), s.App.Clock.Now())
}

// The Faults page lists, arms and disarms faults, and an armed fault fires.
func TestDashboardFaultsPageInChromium(t *testing.T) {
	s := apptest.New(t, nil)
	ctx := openPage(t, s, "/__admin/ui",
		chromedp.Click(chromedp.CSS(`nav a[href="/__admin/ui/faults"]`)),
		chromedp.WaitVisible(chromedp.CSS("#no-faults")),
		chromedp.SetValue(chromedp.CSS("#fault-provider"), "gempay"),
		chromedp.SetValue(chromedp.CSS("#fault-endpoint"), "ordr"),
		chromedp.SetValue(chromedp.CSS("#fault-kind"), "status"),
		chromedp.SetValue(chromedp.CSS("#fault-status"), "503"),
		chromedp.Click(chromedp.CSS("#fault-arm")),
		chromedp.WaitVisible(chromedp.CSS("#fault-error")),
	)
	assert.Equal(t, `endpoint: "ordr" is not an endpoint of gempay (one of cek-status, check-ml, order, products)`, text(t, ctx, "#fault-error"))
	assert.Empty(t, s.App.Faults.List(), "a typo arms nothing")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#fault-endpoint"), "order"),
		chromedp.SetValue(chromedp.CSS("#fault-times"), "2"),
		chromedp.Click(chromedp.CSS("#fault-arm")),
		chromedp.WaitVisible(chromedp.CSS("#fault-1")),
	))
	list := s.App.Faults.List()
	require.Len(t, list, 1)
	assert.Equal(t, []any{"gempay", "order", "status", 503, 2}, []any{list[0].Provider, list[0].Endpoint, list[0].Kind, list[0].Status, list[0].Times})

	r := s.Do(t, "POST", "/gempay/api/order", "")
	assert.Equal(t, 503, r.Status, "the armed fault fires")
	require.NoError(t, chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#fault-1"))))
	assert.Equal(t, "1", text(t, ctx, "#fault-1 .times"), "the list shows what is left")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#fault-1 .disarm")),
		chromedp.WaitVisible(chromedp.CSS("#no-faults")),
	))
	assert.Empty(t, s.App.Faults.List())
	assert.NotEqual(t, 503, s.Do(t, "POST", "/gempay/api/order", "").Status, "disarmed")
}
