package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGempayFixturesLoad(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	u, err := s.GempayUserByKey(ctx, "gempay-test-key-0001")
	require.NoError(t, err)
	assert.Equal(t, "reseller", u.Role)
	assert.Equal(t, int64(1000000), u.Balance)
	assert.Len(t, u.IPs, 6)
	_, err = s.GempayUserByKey(ctx, "nope")
	assert.True(t, IsNotFound(err))

	list, err := s.GempayProducts(ctx, "vip")
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, GempayProduct{Kode: "1", Kategori: "Mobile Games", Produk: "Mobile Legends Diamonds", Catatan: "Minimal pembelian 100 diamonds", Status: "Aktif", Harga: 14500, Priced: true}, list[0])
	p, err := s.GempayProduct(ctx, "1", "nosuchrole")
	require.NoError(t, err)
	assert.False(t, p.Priced)
	_, err = s.GempayProduct(ctx, "42", "vip")
	assert.True(t, IsNotFound(err))
}

// gempayTestNow is when the order tests place their orders.
var gempayTestNow = time.Unix(1726354980, 0)

// poorGempayUser opens a store and gives the fixture account
// gempay-poor-key-0004 the balance, for the order tests.
func poorGempayUser(t *testing.T, balance int64) (*Store, GempayUser) {
	t.Helper()
	s := openTest(t, Memory)
	u, err := s.GempayUserByKey(context.Background(), "gempay-poor-key-0004")
	require.NoError(t, err)
	require.NoError(t, s.GempaySetBalance(context.Background(), u.APIKey, balance))
	return s, u
}

// gempayTestOrder is an order of product 1 at 15000 by u, placed at
// gempayTestNow and ending as final after due.
func gempayTestOrder(u GempayUser, ref, final string, due time.Duration) GempayNewOrder {
	return GempayNewOrder{UserID: u.ID, RefID: ref, GameUserID: "1", Kode: "1", Produk: "Mobile Legends Diamonds", Harga: 15000,
		FinalStatus: final, CreatedAt: gempayTestNow, DueAt: gempayTestNow.Add(due)}
}

func TestGempayPlaceOrderAndSettle(t *testing.T) {
	ctx := context.Background()
	s, u := poorGempayUser(t, 20000)
	now := gempayTestNow
	// The second order first draws the id the first one took: the retry is exercised.
	draws := []string{"INV-000000000", "INV-000000000", "INV-000000001"}
	newID := func() string { id := draws[0]; draws = draws[1:]; return id }
	mk := func(ref, final string) GempayNewOrder { return gempayTestOrder(u, ref, final, 5*time.Second) }
	o, err := s.GempayPlaceOrder(ctx, mk("A", GempayBatal), newID)
	require.NoError(t, err)
	assert.Equal(t, "INV-000000000", o.OrderID)
	assert.Equal(t, GempayPending, o.Status)
	_, err = s.GempayPlaceOrder(ctx, mk("A", GempaySuccess), newID)
	assert.ErrorIs(t, err, ErrGempayRefUsed)
	_, err = s.GempayPlaceOrder(ctx, mk("B", GempaySuccess), newID)
	assert.ErrorIs(t, err, ErrGempayInsufficient)

	acct, err := s.GempayAccount(ctx, u.APIKey, now.Add(4*time.Second))
	require.NoError(t, err)
	assert.Equal(t, int64(5000), acct.Balance)
	acct, err = s.GempayAccount(ctx, u.APIKey, now.Add(5*time.Second))
	require.NoError(t, err)
	assert.Equal(t, int64(20000), acct.Balance, "Batal refunded once due")
	list, err := s.GempayFindOrders(ctx, "A", now.Add(time.Hour))
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, GempayBatal, list[0].Status)
	acct, err = s.GempayAccount(ctx, u.APIKey, now.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, int64(20000), acct.Balance, "no second refund")

	o2, err := s.GempayPlaceOrder(ctx, mk("B", GempaySuccess), newID)
	require.NoError(t, err)
	assert.Equal(t, "INV-000000001", o2.OrderID, "a taken id is drawn again")
	_, err = s.GempayForceStatus(ctx, o.OrderID, GempaySuccess, now)
	assert.ErrorIs(t, err, ErrGempayOrderSettled)
	_, err = s.GempayForceStatus(ctx, o2.OrderID, "Pending", now)
	assert.Error(t, err)
	assert.Error(t, s.GempaySetBalance(ctx, u.APIKey, -1))
	assert.True(t, IsNotFound(s.GempaySetBalance(ctx, "nobody", 1)))
	assert.True(t, IsNotFound(s.GempayDeleteUser(ctx, "nobody")))
}

// A used ref_id with enough balance is refused by the insert's UNIQUE
// constraint, and the rollback returns the charge; an unknown user is
// ErrNotFound, before any balance question.
func TestGempayPlaceOrderRefUsedKeepsBalance(t *testing.T) {
	ctx := context.Background()
	s, u := poorGempayUser(t, 100000)
	n := 0
	newID := func() string { n++; return fmt.Sprintf("INV-%09d", n) }
	o := gempayTestOrder(u, "R", GempaySuccess, time.Hour)
	_, err := s.GempayPlaceOrder(ctx, o, newID)
	require.NoError(t, err)
	_, err = s.GempayPlaceOrder(ctx, o, newID)
	require.ErrorIs(t, err, ErrGempayRefUsed)
	after, err := s.GempayUserByKey(ctx, u.APIKey)
	require.NoError(t, err)
	assert.Equal(t, int64(85000), after.Balance, "charged once")

	o.UserID, o.RefID = 999999, "other"
	_, err = s.GempayPlaceOrder(ctx, o, newID)
	assert.ErrorIs(t, err, ErrNotFound)
}
