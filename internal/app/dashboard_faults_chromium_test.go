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
	ctx := browser(t)
	s := apptest.New(t, nil)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/__admin/ui"),
		chromedp.WaitVisible(chromedp.CSS("#clock-badge.live")),
	))
	badge, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#clock-badge")))
	require.NoError(t, err)
	assert.Equal(t, "real time", badge)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[name="advance"][value="5m"]`)),
		chromedp.WaitVisible(chromedp.CSS("#clock-badge.ahead")),
	))
	badge, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#clock-badge")))
	require.NoError(t, err)
	assert.Equal(t, "+5m ahead of real time", badge)
	card, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".clock .tag")))
	require.NoError(t, err)
	assert.Equal(t, "+5m ahead of real time", card)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#clock-input"), "2024-09-14T23:03:00"),
		chromedp.Click(chromedp.CSS("#clock-freeze")),
		chromedp.WaitVisible(chromedp.CSS("#clock-badge.frozen")),
	))
	badge, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#clock-badge")))
	require.NoError(t, err)
	assert.Equal(t, "frozen", badge)
	now, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#clock-now")))
	require.NoError(t, err)
	assert.Equal(t, "2024-09-14T23:03:00Z", now)
	assert.Equal(t, time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC), s.App.Clock.Now())
}

// The Faults page lists, arms and disarms faults, and an armed fault fires.
func TestDashboardFaultsPageInChromium(t *testing.T) {
	ctx := browser(t)
	s := apptest.New(t, nil)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/__admin/ui"),
		chromedp.Click(chromedp.CSS(`nav a[href="/__admin/ui/faults"]`)),
		chromedp.WaitVisible(chromedp.CSS("#no-faults")),
		chromedp.SetValue(chromedp.CSS("#fault-provider"), "gempay"),
		chromedp.SetValue(chromedp.CSS("#fault-endpoint"), "ordr"),
		chromedp.SetValue(chromedp.CSS("#fault-kind"), "status"),
		chromedp.SetValue(chromedp.CSS("#fault-status"), "503"),
		chromedp.Click(chromedp.CSS("#fault-arm")),
		chromedp.WaitVisible(chromedp.CSS("#fault-error")),
	))
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#fault-error")))
	require.NoError(t, err)
	assert.Equal(t, `endpoint: "ordr" is not an endpoint of gempay (one of cek-status, check-ml, order, products)`, msg)
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
	left, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#fault-1 .times")))
	require.NoError(t, err)
	assert.Equal(t, "1", left, "the list shows what is left")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#fault-1 .disarm")),
		chromedp.WaitVisible(chromedp.CSS("#no-faults")),
	))
	assert.Empty(t, s.App.Faults.List())
	assert.NotEqual(t, 503, s.Do(t, "POST", "/gempay/api/order", "").Status, "disarmed")
}
