package store

import (
	"context"
	"testing"
)

// The hot reads from memory against the same reads from SQLite:
//
//	go test -run '^$' -bench 'Read' -benchmem ./internal/store
func BenchmarkReadGempayIdentity(b *testing.B) {
	s := openTest(b, Memory)
	ctx := context.Background()
	b.Run("memo", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.GempayIdentityByKey(ctx, "gempay-test-key-0001"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sqlite", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.gempayUserByKeyDB(ctx, "gempay-test-key-0001"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReadGempayProducts(b *testing.B) {
	s := openTest(b, Memory)
	ctx := context.Background()
	b.Run("memo", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.GempayProducts(ctx, "reseller"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sqlite", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.gempayProductsDB(ctx, "reseller"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReadZipayKeyAndBalances(b *testing.B) {
	s := openTest(b, Memory)
	ctx := context.Background()
	const k = "4f3c12fa0a1d1ac8b026298b980f16b2"
	b.Run("memo", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ZipayKeyByAPIKey(ctx, k); err != nil {
				b.Fatal(err)
			}
			if _, err := s.ZipayBalances(ctx, 10025); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sqlite", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.zipayKeyByAPIKeyDB(ctx, k); err != nil {
				b.Fatal(err)
			}
			if _, err := s.zipayBalancesDB(ctx, 10025); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A write's cost for the caches: the raise after commit.
func BenchmarkVersionsRaise(b *testing.B) {
	v := newVersions()
	for b.Loop() {
		v.raise("gempay_users.balance", "gempay_orders")
	}
}
