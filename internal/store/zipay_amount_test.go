package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestZipayAmountArithmetic(t *testing.T) {
	a := MustZipayAmount("100.99")
	// Spec §5.7: both documented exchanges, exactly.
	require.Equal(t, "5240295.3575", a.Mul(MustZipayAmount("51889.25")).String())
	require.Equal(t, "8303.00000018845168098899", MustZipayAmount("440590392.01").DivTrunc(MustZipayAmount("53064"), 20).String())
	// Cut, not rounded: 2/3 → 0.666…6.
	require.Equal(t, "0.66666666666666666666", MustZipayAmount("2").DivTrunc(MustZipayAmount("3"), 20).String())
	require.Equal(t, "3.51", MustZipayAmount("5.01").Sub(MustZipayAmount("1.5")).String())
	require.Equal(t, "3.510000000000000000", MustZipayAmount("5.01").Sub(MustZipayAmount("1.5")).Fixed(18))
	require.Equal(t, "0.3", MustZipayAmount("0.1").Add(MustZipayAmount("0.2")).String())
	require.Equal(t, "0", MustZipayAmount("1.50").Sub(MustZipayAmount("1.5")).String())
	require.Equal(t, "-0.05", MustZipayAmount("0.1").Sub(MustZipayAmount("0.15")).String())
	require.Equal(t, "10", MustZipayAmount("10.000").String())
	require.Equal(t, "0.000000000000000001", MustZipayAmount("0.000000000000000001").Fixed(18))
	require.Equal(t, 1, MustZipayAmount("2").Cmp(MustZipayAmount("1.999999")))
	require.Equal(t, 0, MustZipayAmount("2.0").Cmp(MustZipayAmount("2")))
	for _, bad := range []string{"", "1.", ".5", "1e5", "+1", "1,5", "0x10", "1.2.3", "-"} {
		_, err := ParseZipayAmount(bad)
		require.Error(t, err, bad)
	}
}

func TestZipayWithdrawNeverOverdraws(t *testing.T) {
	s := openTest(t, Memory)
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, short := 0, 0
	var done int64 // an order id that was stored, for the duplicate check
	for i := 1; i <= 15; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			err := s.WithdrawZipay(ctx, ZipayWithdrawal{TrackID: "w" + string(rune('a'+i)), Account: 10025, OrderID: int64(i), Coin: "USDT", Network: "TRX",
				Requested: MustZipayAmount("100"), Amount: MustZipayAmount("98.5"), Fee: MustZipayAmount("1.5"), Address: "T", Status: "queue", Time: time.Unix(0, 0)})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
				done = int64(i)
			case errors.Is(err, ErrZipayInsufficient):
				short++
			default:
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	require.Equal(t, 10, ok)
	require.Equal(t, 5, short)
	b, err := s.ZipayBalances(ctx, 10025)
	require.NoError(t, err)
	require.Equal(t, "0", b[1].Amount.String())
	require.ErrorIs(t, s.WithdrawZipay(ctx, ZipayWithdrawal{TrackID: "dup", Account: 10025, OrderID: done, Coin: "USDT", Requested: MustZipayAmount("0")}), ErrZipayDuplicate)
}

func TestZipayInvoiceState(t *testing.T) {
	t0 := time.Date(2023, 3, 30, 8, 0, 0, 0, time.UTC)
	times := ZipayInvoiceTimes{Lifetime: time.Hour, VerifyWindow: 30 * time.Minute}
	unpaid := ZipayInvoice{Status: ZipayUnpaid, CreatedAt: t0}
	require.Equal(t, ZipayUnpaid, unpaid.State(t0.Add(time.Hour-time.Nanosecond), times))
	require.Equal(t, ZipayExpired, unpaid.State(t0.Add(time.Hour), times))
	paid := ZipayInvoice{Status: ZipayPending, CreatedAt: t0, PaidAt: t0.Add(time.Minute)}
	require.Equal(t, ZipayPending, paid.State(t0.Add(31*time.Minute-time.Nanosecond), times))
	require.Equal(t, ZipayRejected, paid.State(t0.Add(31*time.Minute), times))
	done := ZipayInvoice{Status: ZipayCompleted, CreatedAt: t0, PaidAt: t0}
	require.Equal(t, ZipayCompleted, done.State(t0.Add(48*time.Hour), times))
}

func TestZipayResetReseeds(t *testing.T) {
	s := openTest(t, Memory)
	ctx := context.Background()
	require.NoError(t, s.SetZipayBalance(ctx, 10025, "USD", MustZipayAmount("1")))
	require.ErrorIs(t, s.SetZipayBalance(ctx, 1, "USD", MustZipayAmount("1")), ErrNotFound)
	require.NoError(t, s.Reset(ctx, "zipay"))
	b, err := s.ZipayBalances(ctx, 10025)
	require.NoError(t, err)
	require.Equal(t, "1000", b[0].Amount.String())
	k, err := s.ZipayKeyByAPIKey(ctx, "zipay-limited-key-0003")
	require.NoError(t, err)
	require.True(t, k.Allows("random"))
	require.False(t, k.Allows("balance"))
	require.Len(t, k.IPs, 6)
}
