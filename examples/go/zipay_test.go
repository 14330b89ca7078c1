package examples_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"testing"
	"time"

	"github.com/mocksuite/mocksuite/mocktest"
)

// zipayClient is a minimal Zipay merchant client: the form body as PHP's
// http_build_query builds it, api_sign = base64(HMAC-SHA256(secret, body)).
type zipayClient struct {
	t           *testing.T
	base        string // http://127.0.0.1:PORT/zipay
	key, secret string
}

func zipaySign(secret, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(body))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func (c *zipayClient) call(method string, out any, params ...field) {
	c.t.Helper()
	body := httpBuildQuery(params)
	status, _, resp := do(c.t, "POST", c.base+"/api/"+method, body, map[string]string{
		"Content-Type": "application/x-www-form-urlencoded",
		"api_key":      c.key,
		"api_sign":     zipaySign(c.secret, body),
	})
	if status != 200 {
		c.t.Fatalf("%s: HTTP %d: %s", method, status, resp)
	}
	decodeJSON(c.t, method, resp, out)
}

func (c *zipayClient) balance(currency string) string {
	var b struct {
		Items []struct {
			Coin   struct{ Currency string }
			Amount string
		}
	}
	c.call("balance", &b)
	for _, it := range b.Items {
		if it.Coin.Currency == currency {
			return it.Amount
		}
	}
	c.t.Fatalf("balance: no %s wallet", currency)
	return ""
}

type zipayInvoice struct {
	Result struct{ Trackid, Redirect, Status string }
}

func TestZipayInvoice(t *testing.T) {
	if got := zipaySign("f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6", "par1=value1&par2=value2"); got != "g1seBV5gkv7n4EjIdzMjl+ntJ256kvIe2kulu2SfTPk=" {
		t.Fatalf("api_sign of the documented example = %s", got)
	}

	srv := mocktest.New(t)
	srv.SetClock(time.Date(2024, 9, 14, 12, 0, 0, 0, time.UTC))
	c := &zipayClient{t: t, base: srv.URL("zipay"), key: "4f3c12fa0a1d1ac8b026298b980f16b2",
		secret: "f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6"}

	if got := c.balance("USD"); got != "1000" {
		t.Fatalf("USD balance before: %s", got)
	}

	var inv zipayInvoice
	c.call("create-invoice", &inv, field{"terminal_number", "1001"}, field{"amount", "100.99"}, field{"currency", "USD"},
		field{"invoice_number", "INV-1"}, field{"callback", "http://shop.example/back"}, field{"description", "Order #1 ~ 2 items"})
	if inv.Result.Redirect != srv.URL("zipay")+"/invoice_v1/"+inv.Result.Trackid {
		t.Fatalf("create-invoice: %+v", inv.Result)
	}

	// The payer presses Pay on the payment page.
	status, header, _ := do(t, "POST", inv.Result.Redirect, "action=pay", form)
	if want := "http://shop.example/back?trackid=" + inv.Result.Trackid + "&invoice_number=INV-1"; status != 302 || header.Get("Location") != want {
		t.Fatalf("Pay: %d to %q, want 302 to %q", status, header.Get("Location"), want)
	}

	var st zipayInvoice
	c.call("invoice-status", &st, field{"trackid", inv.Result.Trackid})
	if st.Result.Status != "pending" {
		t.Fatalf("invoice-status after payment: %q", st.Result.Status)
	}
	srv.Advance(10 * time.Minute) // well inside the 30-minute verify window
	c.call("invoice-verify", &st, field{"trackid", inv.Result.Trackid})
	if st.Result.Status != "completed" {
		t.Fatalf("invoice-verify: %q", st.Result.Status)
	}
	if got := c.balance("USD"); got != "1100.99" {
		t.Fatalf("USD balance after: %s", got)
	}

	if n := srv.Count(mocktest.Filter{Provider: "zipay", Endpoint: "balance"}); n != 2 {
		t.Errorf("balance calls: %d, want 2", n)
	}
	if n := srv.Count(mocktest.Filter{Provider: "zipay", Outcome: mocktest.OutcomeRejected}); n != 0 {
		t.Errorf("%d Zipay calls were refused", n)
	}

	// A second invoice left pending past the verify window is rejected.
	var late zipayInvoice
	c.call("create-invoice", &late, field{"terminal_number", "1001"}, field{"amount", "5"}, field{"currency", "USD"}, field{"invoice_number", "INV-2"}, field{"callback", "http://shop.example/back"})
	if status, _, _ := do(t, "POST", late.Result.Redirect, "action=pay", form); status != 302 {
		t.Fatalf("Pay on the second invoice: %d", status)
	}
	srv.Advance(31 * time.Minute)
	c.call("invoice-status", &st, field{"trackid", late.Result.Trackid})
	if st.Result.Status != "rejected" {
		t.Fatalf("invoice-status 31 minutes after payment: %q, want rejected", st.Result.Status)
	}
}
