package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
)

// Every cached read sees the write that came before it, whichever write
// function made it (API, admin, reset).
func TestCachedReadsSeeEveryWrite(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "c.db"))

	u, err := s.GempayUserByKey(ctx, "gempay-test-key-0001")
	require.NoError(t, err)
	require.NoError(t, s.GempaySetBalance(ctx, "gempay-test-key-0001", u.Balance+7))
	u2, err := s.GempayUserByKey(ctx, "gempay-test-key-0001")
	require.NoError(t, err)
	assert.Equal(t, u.Balance+7, u2.Balance)
	require.NoError(t, s.GempaySetIPs(ctx, "gempay-test-key-0001", []string{"203.0.113.5"}))
	u3, err := s.GempayUserByKey(ctx, "gempay-test-key-0001")
	require.NoError(t, err)
	require.Len(t, u3.IPs, 1)
	assert.Equal(t, "203.0.113.5/32", u3.IPs[0].String())
	u3.IPs[0] = u3.IPs[0].Masked() // a caller changing its copy changes nothing cached
	u4, _ := s.GempayUserByKey(ctx, "gempay-test-key-0001")
	assert.Equal(t, "203.0.113.5/32", u4.IPs[0].String())

	b, err := s.ZipayBalances(ctx, 10025)
	require.NoError(t, err)
	require.Equal(t, "USD", b[0].Currency)
	require.NoError(t, s.SetZipayBalance(ctx, 10025, "USD", MustZipayAmount("12.5")))
	b, err = s.ZipayBalances(ctx, 10025)
	require.NoError(t, err)
	assert.Equal(t, "12.5", b[0].Amount.String())

	rs, err := s.GPResellers(ctx)
	require.NoError(t, err)
	n := len(rs)
	_, err = s.GPCreateReseller(ctx, GPReseller{Name: "New", APIKey: "gp-new-key", CreditCents: 100})
	require.NoError(t, err)
	rs, err = s.GPResellers(ctx)
	require.NoError(t, err)
	assert.Len(t, rs, n+1)

	a, err := s.HostdimeAccountByKey(ctx, "foobar")
	require.NoError(t, err)
	_, err = s.HostdimeAccountByKey(ctx, "new-public")
	require.ErrorIs(t, err, ErrNotFound, "a miss is not cached")
	_, err = s.HostdimeCreateAccount(ctx, HostdimeAccount{Name: "n", APIKey: "new-public", PrivateKey: "p"})
	require.NoError(t, err)
	_, err = s.HostdimeAccountByKey(ctx, "new-public")
	require.NoError(t, err)

	svc, err := s.HostdimeService(ctx, a.ID, "server", "S37")
	require.NoError(t, err)
	changed, err := s.HostdimeChangeService(ctx, a.ID, "server", "S37", false, func(sv *HostdimeService) error {
		sv.Power = "off"
		return nil
	})
	require.NoError(t, err)
	again, err := s.HostdimeService(ctx, a.ID, "server", "S37")
	require.NoError(t, err)
	assert.Equal(t, changed.Power, again.Power)
	assert.NotEqual(t, svc.Power, again.Power)

	require.NoError(t, s.Reset(ctx, ""))
	u5, err := s.GempayUserByKey(ctx, "gempay-test-key-0001")
	require.NoError(t, err)
	assert.Equal(t, u.Balance, u5.Balance, "reset restores the fixture balance")
	_, err = s.HostdimeAccountByKey(ctx, "new-public")
	assert.ErrorIs(t, err, ErrNotFound, "reset removes the created account")
}

// Writers move 1 USD at a time from account 10025 to 10017 while readers read
// the sender's balance through the cache. Every read must show a state some
// serial order of the transfers produced (a whole number of transfers done),
// never one older than the transfers already acknowledged when it began, and
// never go back in time for one reader.
func TestCachedReadsLinearizableUnderConcurrentWrites(t *testing.T) {
	for _, path := range []string{Memory, filepath.Join(t.TempDir(), "l.db")} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, path, fixtures.FS, allSeeders())
			require.NoError(t, err)
			defer s.Close()
			from, err := s.ZipayAccountByNumber(ctx, 10025)
			require.NoError(t, err)
			to, err := s.ZipayAccountByNumber(ctx, 10017)
			require.NoError(t, err)
			start := usd(t, s, 10025)

			const writers, each, readers = 6, 40, 6
			var acked atomic.Int64
			var stop atomic.Bool
			var wg sync.WaitGroup
			errs := make(chan error, writers+readers)
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						err := s.TransferZipay(ctx, ZipayTransfer{TrackID: fmt.Sprintf("t-%d-%d", w, i), Sender: from, Receiver: to,
							Amount: MustZipayAmount("1"), Currency: "USD", OrderID: fmt.Sprintf("o-%d-%d", w, i), Time: time.Unix(1700000000, 0)})
						if err != nil {
							errs <- err
							return
						}
						acked.Add(1)
					}
				}()
			}
			var rg sync.WaitGroup
			for range readers {
				rg.Add(1)
				go func() {
					defer rg.Done()
					last := int64(-1)
					for !stop.Load() {
						before := acked.Load()
						b, err := s.ZipayBalances(ctx, 10025)
						if err != nil {
							errs <- err
							return
						}
						done := start - whole(b[0].Amount.String())
						switch {
						case done < before:
							errs <- fmt.Errorf("stale read: %d transfers acknowledged before the read, it shows %d", before, done)
							return
						case done < last:
							errs <- fmt.Errorf("read went back in time: %d after %d", done, last)
							return
						case done > writers*each:
							errs <- fmt.Errorf("read shows %d transfers of %d", done, writers*each)
							return
						}
						last = done
					}
				}()
			}
			wg.Wait()
			stop.Store(true)
			rg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			assert.Equal(t, start-writers*each, usd(t, s, 10025))
		})
	}
}

func usd(t *testing.T, s *Store, account int64) int64 {
	t.Helper()
	b, err := s.ZipayBalances(context.Background(), account)
	require.NoError(t, err)
	require.Equal(t, "USD", b[0].Currency)
	return whole(b[0].Amount.String())
}

func whole(amount string) int64 {
	var n int64
	_, _ = fmt.Sscan(amount, &n)
	return n
}

func TestMemoIsBounded(t *testing.T) {
	v := newVersions()
	m := newMemo[int](v, "t")
	for i := range memoLimit + 10 {
		_, err := m.get(context.Background(), fmt.Sprint(i), func(context.Context) (int, error) { return i, nil })
		require.NoError(t, err)
	}
	assert.LessOrEqual(t, m.len(), memoLimit)
}

// An order changes only balances: the cached identity (the authentication
// read) stays served from memory, the balance read sees every charge, and an
// identity change (whitelist, deletion) is seen at once.
func TestGempayIdentitySurvivesChargesNotIdentityChanges(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	const k = "gempay-test-key-0001"
	id, err := s.GempayIdentityByKey(ctx, k)
	require.NoError(t, err)
	assert.Zero(t, id.Balance, "the identity carries no balance")
	full, err := s.GempayUserByKey(ctx, k)
	require.NoError(t, err)

	idVersion := s.Version("gempay_users", "gempay_user_ips")
	now := time.Unix(1726354980, 0)
	_, err = s.GempayPlaceOrder(ctx, GempayNewOrder{UserID: id.ID, RefID: "x", GameUserID: "1", Kode: "1", Produk: "P", Harga: 100,
		FinalStatus: GempaySuccess, CreatedAt: now, DueAt: now.Add(time.Hour)}, func() string { return "INV-1" })
	require.NoError(t, err)
	assert.Equal(t, idVersion, s.Version("gempay_users", "gempay_user_ips"), "a charge leaves the identity's version alone")
	charged, err := s.GempayUserByKey(ctx, k)
	require.NoError(t, err)
	assert.Equal(t, full.Balance-100, charged.Balance, "the balance read sees the charge")

	require.NoError(t, s.GempaySetIPs(ctx, k, []string{"198.51.100.4"}))
	id2, err := s.GempayIdentityByKey(ctx, k)
	require.NoError(t, err)
	require.Len(t, id2.IPs, 1)
	assert.Equal(t, "198.51.100.4/32", id2.IPs[0].String())
	require.NoError(t, s.GempayDeleteUser(ctx, k))
	_, err = s.GempayIdentityByKey(ctx, k)
	assert.ErrorIs(t, err, ErrNotFound)
}
