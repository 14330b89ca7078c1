package store

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"
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

func TestGempaySeedValidation(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ yaml, want string }{
		{"roles: []\n", "at least one role"},
		{"roles: [a]\nproducts: [{kode: '1', produk: x, status: Aktif, harga: {}}]\n", `no price for role "a"`},
		{"roles: [a]\nproducts: [{kode: '1', produk: x, status: Maybe, harga: {a: 1}}]\n", "must be Aktif or NonAktif"},
		{"roles: [a]\nproducts: [{kode: '1', produk: x, status: Aktif, harga: {a: 1, b: 2}}]\n", `unknown role "b"`},
		{"roles: [a]\nusers: [{api_key: k, role: z}]\n", `role "z" is not one of roles`},
		{"roles: [a]\nusers: [{api_key: k, role: a, balance: -1}]\n", "negative"},
		{"roles: [a]\nusers: [{api_key: k, role: a, ips: [not-an-ip]}]\n", "is not an IP or CIDR"},
		{"roles: [a]\nsurprise: 1\n", "field surprise not found"},
	} {
		_, err := Open(ctx, Memory, fstest.MapFS{"gempay.yaml": {Data: []byte(c.yaml)}}, allSeeders())
		assert.ErrorContains(t, err, c.want, c.yaml)
	}
}

func TestGempayPlaceOrderAndSettle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	u, err := s.GempayUserByKey(ctx, "gempay-poor-key-0004")
	require.NoError(t, err)
	require.NoError(t, s.GempaySetBalance(ctx, u.APIKey, 20000))
	now := time.Unix(1726354980, 0)
	// The second order first draws the id the first one took: the retry is exercised.
	draws := []string{"INV-000000000", "INV-000000000", "INV-000000001"}
	newID := func() string { id := draws[0]; draws = draws[1:]; return id }
	mk := func(ref, final string) GempayNewOrder {
		return GempayNewOrder{UserID: u.ID, RefID: ref, GameUserID: "1", Kode: "1", Produk: "Mobile Legends Diamonds", Harga: 15000, FinalStatus: final, Now: now, DueAt: now.Add(5 * time.Second)}
	}
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
	s := openTest(t, Memory)
	u, err := s.GempayUserByKey(ctx, "gempay-poor-key-0004")
	require.NoError(t, err)
	require.NoError(t, s.GempaySetBalance(ctx, u.APIKey, 100000))
	now := time.Unix(1726354980, 0)
	n := 0
	newID := func() string { n++; return fmt.Sprintf("INV-%09d", n) }
	o := GempayNewOrder{UserID: u.ID, RefID: "R", GameUserID: "1", Kode: "1", Produk: "P", Harga: 15000, FinalStatus: GempaySuccess, Now: now, DueAt: now.Add(time.Hour)}
	_, err = s.GempayPlaceOrder(ctx, o, newID)
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
