package zipay_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/browsertest"
	"github.com/mocksuite/mocksuite/internal/verify"
)

// The whole invoice flow as a payer's browser lives it: open the redirect
// URL, see the invoice, click Pay, land on the merchant's callback; the
// merchant's webhook receives the documented POST from the background worker.
func TestInvoicePageInChromium(t *testing.T) {
	bctx := browsertest.New(t, 60*time.Second)
	s := newServer(t, nil)
	p := provider(t, s)
	workCtx, stopWork := context.WithCancel(context.Background())
	workDone := make(chan struct{})
	go func() { p.Run(workCtx); close(workDone) }()
	defer func() { stopWork(); <-workDone }()

	rc, hook := newReceiver(t, 0)
	var mu sync.Mutex
	var landed string
	merchant := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/back" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		landed = r.URL.String()
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!DOCTYPE html><html><body><h1 id="back">Thank you</h1></body></html>`))
	}))
	defer merchant.Close()

	body := "terminal_number=1001&amount=100.99&currency=USD&invoice_number=2&callback=" + verify.PHPURLEncode(merchant.URL+"/back") + "&webhook=" + verify.PHPURLEncode(hook.URL+"/hook")
	id := expect(t, mainCall(t, s, "create-invoice", body), 200, `{"result":{"trackid":"{id}","redirect":"`+s.URL+`/zipay/invoice_v1/{id}","message":null},"success":true,"status":200}`)
	redirect := s.URL + "/zipay/invoice_v1/" + id

	require.NoError(t, chromedp.Do(bctx, chromedp.Navigate(redirect), chromedp.WaitVisible(chromedp.ID("pay"))))
	var shown []string
	for _, id := range []string{"merchant", "amount", "currency", "invoice-number", "status"} {
		text, err := chromedp.Run(bctx, chromedp.Text(chromedp.ID(id)))
		require.NoError(t, err, id)
		shown = append(shown, text)
	}
	require.Equal(t, []string{"Example Shop", "100.99", "USD", "2", "Awaiting payment"}, shown)

	require.NoError(t, chromedp.Do(bctx, chromedp.Click(chromedp.ID("pay")), chromedp.WaitVisible(chromedp.ID("back"))))
	location, err := chromedp.Run(bctx, chromedp.Location())
	require.NoError(t, err)
	want := merchant.URL + "/back?trackid=" + id + "&invoice_number=2"
	require.Equal(t, want, location)
	mu.Lock()
	require.Equal(t, "/back?trackid="+id+"&invoice_number=2", landed)
	mu.Unlock()

	select {
	case got := <-rc.got:
		require.Equal(t, "trackid="+id+"&invoice_number=2&status=pending", got)
	case <-bctx.Done():
		t.Fatal("the webhook did not arrive")
	}
	expect(t, mainCall(t, s, "invoice-status", "trackid="+id), 200,
		`{"result":{"trackid":"`+id+`","status":"pending","invoice_number":"2","amount":"100.99","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"time":1680165795,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:15+00:00"},"success":true,"status":200}`)
	expect(t, mainCall(t, s, "invoice-verify", "trackid="+id), 200,
		`{"result":{"trackid":"`+id+`","status":"completed","invoice_number":"2","amount":"100.99","coin":{"name":"United States dollar","currency":"USD","symbol":"$"},"time":1680165795,"date":"30/03/2023 08:43 UTC","datew3c":"2023-03-30T08:43:15+00:00"},"success":true,"status":200}`)
}
