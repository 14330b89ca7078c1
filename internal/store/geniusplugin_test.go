package store

import (
	"context"
	"errors"
	"net/netip"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGPFixtures(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "gp.db"))
	ctx := context.Background()
	rs, err := s.GPResellersForIP(ctx, netip.MustParseAddr("127.0.0.1"))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "gp-reseller-test-key-0001", rs[0].APIKey)
	assert.Equal(t, int64(150026), rs[0].CreditCents)

	rs, err = s.GPResellersForIP(ctx, netip.MustParseAddr("203.0.113.9"))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "gpkey-02", rs[0].APIKey)
	assert.Equal(t, int64(1000), rs[0].CreditCents)

	rs, err = s.GPResellersForIP(ctx, netip.MustParseAddr("198.51.100.1"))
	require.NoError(t, err)
	assert.Empty(t, rs)

	p, err := s.GPPackage(ctx, 1, "Paused.Example.ORG")
	require.NoError(t, err)
	assert.Equal(t, "suspended", p.Status)
	assert.Equal(t, "10k", p.Package)
	_, err = s.GPPackage(ctx, 2, "example.org")
	assert.True(t, IsNotFound(err), "packages are scoped to their reseller")
}

func TestGPApplyChargesInOneTransaction(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "gp.db"))
	ctx := context.Background()
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	err := s.GPApply(ctx, 2, "new.example", func(cur *GPPackage) (GPChange, error) {
		assert.Nil(t, cur)
		return GPChange{Create: &GPPackage{Package: "10k", Status: "active", Token: "t", CreatedAt: at, ExpiresAt: at}, Charge: 500, Action: "autoregister", At: at}, nil
	})
	require.NoError(t, err)
	c, _ := s.GPCredit(ctx, 2)
	assert.Equal(t, int64(500), c)

	// A charge over the credit changes nothing.
	err = s.GPApply(ctx, 2, "big.example", func(cur *GPPackage) (GPChange, error) {
		return GPChange{Create: &GPPackage{Package: "200k", Status: "active", Token: "t", CreatedAt: at, ExpiresAt: at}, Charge: 6000, Action: "autoregister", At: at}, nil
	})
	assert.ErrorIs(t, err, ErrGPInsufficientCredit)
	_, err = s.GPPackage(ctx, 2, "big.example")
	assert.True(t, IsNotFound(err))

	// An error from decide rolls back too.
	boom := errors.New("boom")
	assert.ErrorIs(t, s.GPApply(ctx, 2, "new.example", func(cur *GPPackage) (GPChange, error) { return GPChange{}, boom }), boom)

	l, err := s.GPLedger(ctx, 2)
	require.NoError(t, err)
	assert.Equal(t, []GPLedgerEntry{{Domain: "new.example", Action: "autoregister", AmountCents: -500, BalanceCents: 500, At: at}}, l)
}

func TestGPApplyConcurrentNeverOverdraws(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "gp.db"))
	ctx := context.Background()
	var ok, refused atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.GPApply(ctx, 2, "", func(cur *GPPackage) (GPChange, error) { return GPChange{Charge: 300, Action: "x"}, nil })
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, ErrGPInsufficientCredit):
				refused.Add(1)
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(3), ok.Load())
	assert.Equal(t, int32(5), refused.Load())
	c, _ := s.GPCredit(ctx, 2)
	assert.Equal(t, int64(100), c)
}
