package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An account's delete removes it with what it owns in one transaction, raises
// the version of every table it emptied (so no cache serves a deleted row),
// and refuses an unknown id with ErrNotFound, changing nothing.
func TestDeleteAccounts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	nodeco := func(flavour, user string) func() error {
		return func() error {
			return s.Nodeco(ctx, func(q *NodecoTx) error { return q.DeleteAccount(flavour, user) })
		}
	}
	cases := []struct {
		name          string
		del, unknown  func() error
		tables        []string
		left          func() (int, error)
		wantLeftAfter int
	}{
		{"hostdime", func() error { return s.HostdimeDeleteAccount(ctx, "foobar") }, func() error { return s.HostdimeDeleteAccount(ctx, "nope") },
			[]string{"hostdime_accounts", "hostdime_services", "hostdime_rdns", "hostdime_domains"},
			func() (int, error) { l, err := s.HostdimeAllServices(ctx, HostdimeServer); return len(l), err }, 1},
		{"geniusplugin", func() error { return s.GPDeleteReseller(ctx, "gp-reseller-test-key-0001") }, func() error { return s.GPDeleteReseller(ctx, "nope") },
			[]string{"gp_resellers", "gp_reseller_ips", "gp_packages"},
			func() (int, error) { l, err := s.GPAllPackages(ctx); return len(l), err }, 1},
		{"gempay", func() error { return s.GempayDeleteAccount(ctx, "1") }, func() error { return s.GempayDeleteAccount(ctx, "99") },
			[]string{"gempay_users", "gempay_user_ips"},
			func() (int, error) {
				l, err := s.GempayUsers(ctx, time.Date(2024, 9, 14, 23, 3, 0, 0, time.UTC))
				return len(l), err
			}, 3},
		{"nodeco", nodeco("nodeco", "12312"), nodeco("nodeco", "99"),
			[]string{"nodeco_accounts", "nodeco_servers", "nodeco_snapshots", "nodeco_shares"},
			func() (n int, err error) {
				err = s.Nodeco(ctx, func(q *NodecoTx) error { l, err := q.AllServers("nodeco"); n = len(l); return err })
				return n, err
			}, 2},
		{"zipay", func() error { return s.DeleteZipayAccount(ctx, 10017) }, func() error { return s.DeleteZipayAccount(ctx, 1) },
			[]string{"zipay_accounts", "zipay_wallets", "zipay_keys", "zipay_terminals"},
			func() (int, error) { l, err := s.ZipayAccountInfos(ctx); return len(l), err }, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.True(t, IsNotFound(c.unknown()), "an unknown id is not found")
			before := map[string]uint64{}
			for _, tb := range c.tables {
				before[tb] = s.Version(tb)
			}
			require.NoError(t, c.del())
			for _, tb := range c.tables {
				assert.Greater(t, s.Version(tb), before[tb], tb)
			}
			n, err := c.left()
			require.NoError(t, err)
			assert.Equal(t, c.wantLeftAfter, n, "what the other accounts own stays")
			require.True(t, IsNotFound(c.del()), "a second delete finds nothing")
		})
	}
}
