package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
)

// A committed write raises the version of exactly the tables it touched; a
// rolled-back one raises them too (a spare cache miss, never a stale hit);
// a reset raises everything, the tables it only emptied included.
func TestVersionsFollowWrites(t *testing.T) {
	for _, path := range []string{Memory, filepath.Join(t.TempDir(), "v.db")} {
		t.Run(path, func(t *testing.T) {
			ctx := context.Background()
			s, err := Open(ctx, path, fixtures.FS, allSeeders())
			require.NoError(t, err)
			defer s.Close()

			g0, z0 := s.Version("gempay_users"), s.Version("zipay_wallets")
			require.NoError(t, s.tx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE gempay_users SET balance = balance + 1`)
				return err
			}))
			g1 := s.Version("gempay_users")
			assert.Greater(t, g1, g0, "the written table's version rises")
			assert.Equal(t, z0, s.Version("zipay_wallets"), "another provider's table keeps its version")
			assert.Equal(t, g1, s.Version("gempay_users", "zipay_wallets"), "a set's version is its newest member's")

			boom := errors.New("boom")
			require.ErrorIs(t, s.tx(ctx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, `UPDATE zipay_wallets SET amount = amount`); err != nil {
					return err
				}
				return boom
			}), boom)
			assert.Greater(t, s.Version("zipay_wallets"), z0)

			before := s.Version("gempay_orders")
			require.NoError(t, s.Reset(ctx, "gempay"))
			assert.Greater(t, s.Version("gempay_orders"), before, "reset empties gempay_orders without the update hook")
		})
	}
}

// A NODE read runs beside an open write transaction instead of waiting for
// its lock (which Nodeco, BEGIN IMMEDIATE, would until the busy timeout).
func TestNodecoReadDoesNotQueueBehindAWrite(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, filepath.Join(t.TempDir(), "n.db"))

	locked, release := make(chan struct{}), make(chan struct{})
	writeDone := make(chan error, 1)
	go func() {
		writeDone <- s.tx(ctx, func(tx *sql.Tx) error {
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	readCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	err := s.NodecoRead(readCtx, func(q *NodecoTx) error {
		_, err := q.Account("nodeco", "12312")
		return err
	})
	require.NoError(t, err, "the read did not wait for the writer")
	close(release)
	require.NoError(t, <-writeDone)

	// A read sees the write committed just before it, through the memos.
	require.NoError(t, s.Nodeco(ctx, func(q *NodecoTx) error {
		a, err := q.Account("nodeco", "12312")
		if err != nil {
			return err
		}
		a.FullName = "First Name"
		return q.SaveAccount(a)
	}))
	var before, after NodecoAccount
	require.NoError(t, s.NodecoRead(ctx, func(q *NodecoTx) (err error) { before, err = q.Account("nodeco", "12312"); return err }))
	require.NoError(t, s.Nodeco(ctx, func(q *NodecoTx) error {
		before.FullName = "Second Name"
		return q.SaveAccount(before)
	}))
	require.NoError(t, s.NodecoRead(ctx, func(q *NodecoTx) (err error) { after, err = q.Account("nodeco", "12312"); return err }))
	assert.Equal(t, "Second Name", after.FullName)

	// A function marked read-only that writes is reported, not passed over.
	err = s.NodecoRead(ctx, func(q *NodecoTx) error { return q.SaveAccount(after) })
	assert.ErrorContains(t, err, "nodeco read wrote [nodeco_accounts]")
}

// A write made outside s.tx on a pooled connection (the health probe's) is
// not blamed on the next read-only call that gets the same connection.
func TestNodecoReadAfterHealthProbe(t *testing.T) {
	ctx := context.Background()
	for _, path := range []string{Memory, filepath.Join(t.TempDir(), "h.db")} {
		s, err := Open(ctx, path, fixtures.FS, allSeeders())
		require.NoError(t, err)
		for range 3 {
			require.NoError(t, s.Writable(ctx))
			require.NoError(t, s.NodecoRead(ctx, func(q *NodecoTx) error {
				_, err := q.Catalog("nodeco", "arch")
				return err
			}), path)
		}
		require.NoError(t, s.Close())
	}
}
