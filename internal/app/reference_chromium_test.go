package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/journal"
)

// sendFromReference clicks an endpoint's Send button on its Reference page
// and returns the answer the page shows once the browser has sent it.
func sendFromReference(t *testing.T, s *apptest.Server, provider, op string) string {
	t.Helper()
	sec := "#" + op
	ctx := openPage(t, s, "/__admin/ui/reference/"+provider,
		chromedp.WaitVisible(chromedp.CSS(sec+" button.send")),
		chromedp.Click(chromedp.CSS(sec+" button.send")),
		chromedp.WaitVisible(chromedp.CSS(sec+" pre.answer[data-status]")),
	)
	return text(t, ctx, sec+" pre.answer")
}

func TestReferencePageInChromium(t *testing.T) {
	s := apptest.New(t, nil)

	ctx := openPage(t, s, "/__admin/ui/reference/gempay", chromedp.WaitVisible(chromedp.CSS("#order pre.curl")))
	curl := text(t, ctx, "#order pre.curl")
	assert.Contains(t, curl, "-X POST -H 'Authorization: Bearer ", "the order sample carries its bearer hash")
	assert.Contains(t, curl, s.URL+"/gempay/api/order")
	errs, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("#order table.errors")))
	require.NoError(t, err)
	assert.Contains(t, errs, "Saldo tidak cukup", "documented errors are listed with their exact text")
	example, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("#order pre.example")))
	require.NoError(t, err)
	assert.Contains(t, example, `"message": "Order created successfully"`, "the recorded success answer is shown")
	openapi, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch(document.querySelector('#download-openapi').href).then(r => r.json()).then(d => d.openapi + ' ' + d.servers[0].url)`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.Equal(t, "3.0.3 "+s.URL+"/gempay", openapi, "the download link serves the OpenAPI document")
	postman, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`fetch(document.querySelector('#download-postman').href).then(r => r.json()).then(d => d.info.schema + ' ' + d.item.length)`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	assert.Equal(t, "https://schema.getpostman.com/json/collection/v2.1.0/collection.json 6", postman)

	// Each Send signs afresh and the browser sends it: a bearer, an HMAC
	// header and an ordered-JSON SHA-256 form field.
	answer := sendFromReference(t, s, "gempay", "order")
	assert.True(t, strings.HasPrefix(answer, "HTTP 200\n"), answer)
	assert.Contains(t, answer, `"message":"Order created successfully"`)
	answer = sendFromReference(t, s, "zipay", "balance")
	assert.True(t, strings.HasPrefix(answer, "HTTP 200\n"), answer)
	assert.Contains(t, answer, `"success":true`)
	answer = sendFromReference(t, s, "hostdime", "server_list_json")
	assert.True(t, strings.HasPrefix(answer, "HTTP 200\n{\"error\":null,"), answer)

	var oks int
	for _, e := range s.App.Journal.List(journal.Filter{}) {
		if e.Outcome == journal.OutcomeOK && (e.Endpoint == "order" || e.Endpoint == "balance" || e.Endpoint == "server.list") {
			oks++
		}
	}
	assert.Equal(t, 3, oks, "the mock accepted the three signed requests")
}
