package robust_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/internal/apptest"
	"github.com/mocksuite/mocksuite/internal/store"
)

// parallel runs f(i) for i in [0, n) at once and returns the answers.
func parallel(n int, f func(i int) apptest.Response) []apptest.Response {
	out := make([]apptest.Response, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { out[i] = f(i) })
	}
	wg.Wait()
	return out
}

func TestHostdimeSameUniqueOnce(t *testing.T) {
	s := newServer(t)
	body := hostdimeBodyUnique("server.list", "same-unique", nil)
	res := parallel(20, func(int) apptest.Response {
		return s.Do(t, http.MethodPost, "/hostdime/v1/server/list.json", body, "Content-Type", formType)
	})
	ok := 0
	for _, r := range res {
		require.Equal(t, 200, r.Status, r.Body)
		if strings.HasPrefix(r.Body, `{"error":null,`) {
			ok++
			continue
		}
		require.Equal(t, `{"error":{"code":409,"message":"Duplicate request: api_unique has already been used"},"response":null}`, r.Body)
	}
	require.Equal(t, 1, ok)
}

func TestZipaySameOrderIDOnce(t *testing.T) {
	s := newServer(t)
	body := "receiver=10017&amount=1&currency=USD&order_id=same-order"
	res := parallel(20, func(int) apptest.Response {
		return s.Do(t, http.MethodPost, "/zipay/api/transfer", body, zipayHeaders(body)...)
	})
	ok := 0
	for _, r := range res {
		if r.Status == 200 {
			ok++
			continue
		}
		require.Equal(t, 422, r.Status, r.Body)
		require.Equal(t, `{"errors":{"order_id":"DUPLICATE"},"success":false,"status":422}`, r.Body)
	}
	require.Equal(t, 1, ok)
	require.Equal(t, "999", zipayWallet(t, s, 10025, "USD").String())
}

func zipayWallet(t *testing.T, s *apptest.Server, account int64, currency string) store.ZipayAmount {
	t.Helper()
	bs, err := s.App.Store.ZipayBalances(context.Background(), account)
	require.NoError(t, err)
	for _, b := range bs {
		if b.Currency == currency {
			return b.Amount
		}
	}
	return store.MustZipayAmount("0")
}

// TestZipayTransfersConserveMoney: transfers both ways between the two
// fixture accounts, at once, never change the sum of the USD wallets and never
// leave one negative.
func TestZipayTransfersConserveMoney(t *testing.T) {
	s := newServer(t)
	before := zipayWallet(t, s, 10025, "USD").Add(zipayWallet(t, s, 10017, "USD"))
	res := parallel(60, func(i int) apptest.Response {
		body := fmt.Sprintf("receiver=10017&amount=7.25&currency=USD&order_id=c%d", i)
		key, secret := zipayKey, zipaySecret
		if i%2 == 1 {
			body = fmt.Sprintf("receiver=10025&amount=13.5&currency=USD&order_id=c%d", i)
			key, secret = zipayKey2, zipaySec2
		}
		return s.Do(t, http.MethodPost, "/zipay/api/transfer", body, signZipayAs(key, secret, body)...)
	})
	for _, r := range res {
		if r.Status != 200 {
			require.Equal(t, `{"errors":{"amount":"INSUFFICIENT_BALANCE"},"success":false,"status":422}`, r.Body)
		}
	}
	a, b := zipayWallet(t, s, 10025, "USD"), zipayWallet(t, s, 10017, "USD")
	require.GreaterOrEqual(t, a.Sign(), 0)
	require.GreaterOrEqual(t, b.Sign(), 0)
	require.Zero(t, before.Cmp(a.Add(b)), "sum %s + %s != %s", a, b, before)
}

// TestGempayBalanceEquation: concurrent orders, some with the magic user_id
// that ends Batal and is refunded; once every order has ended, the balance is
// the initial one minus the charges plus the refunds.
func TestGempayBalanceEquation(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	const price, n = 15000, 60
	start, err := s.App.Store.GempayAccount(ctx, gempayKey, now)
	require.NoError(t, err)
	res := parallel(n, func(i int) apptest.Response {
		user := "123456"
		if i%3 == 0 {
			user = "400000000"
		}
		ref := fmt.Sprintf("EQ-%d", i)
		return s.Do(t, http.MethodPost, "/gempay/api/order", fmt.Sprintf(`{"user_id":%q,"produk_id":"1","ref_id":%q}`, user, ref), gempayOrderHeaders(ref, "15000")...)
	})
	var charged, refunded int64
	for i, r := range res {
		if r.Status != 200 {
			require.Equal(t, `{"status":"error","message":"Saldo tidak cukup","code":400}`, r.Body)
			continue
		}
		charged += price
		if i%3 == 0 {
			refunded += price
		}
	}
	s.Advance(10 * time.Second)
	end, err := s.App.Store.GempayAccount(ctx, gempayKey, now.Add(10*time.Second))
	require.NoError(t, err)
	require.Equal(t, start.Balance-charged+refunded, end.Balance)
	require.GreaterOrEqual(t, end.Balance, int64(0))
}
