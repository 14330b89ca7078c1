package store

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
)

func TestOpenMigratesAndSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path, fixtures.FS, allSeeders())
	require.NoError(t, err)
	var mode string
	require.NoError(t, s.db.QueryRow("PRAGMA journal_mode").Scan(&mode))
	assert.Equal(t, "wal", mode)
	var fk int
	require.NoError(t, s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk))
	assert.Equal(t, 1, fk)
	var n int
	require.NoError(t, s.db.QueryRow("SELECT COUNT(*) FROM fixture_state").Scan(&n))
	assert.Equal(t, len(Providers()), n)
	_, err = s.db.Exec(`INSERT INTO fixture_state (provider, seeded_at) VALUES ('marker', 'x')`)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s, err = Open(ctx, path, fixtures.FS, allSeeders())
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.db.QueryRow("SELECT COUNT(*) FROM fixture_state WHERE provider='marker'").Scan(&n))
	assert.Equal(t, 1, n, "state survives a restart")
	var migs int
	require.NoError(t, s.db.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&migs))
	assert.GreaterOrEqual(t, migs, 1)
}

func TestOpenMemoryAndBadPath(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Memory, fstest.MapFS{}, allSeeders())
	require.NoError(t, err)
	require.NoError(t, s.Ping(ctx))
	require.NoError(t, s.Reset(ctx, ""))
	assert.Error(t, s.Reset(ctx, "nope"))
	require.NoError(t, s.Close())

	_, err = Open(ctx, filepath.Join(t.TempDir(), "missing", "dir", "x.db"), fstest.MapFS{}, allSeeders())
	assert.ErrorContains(t, err, "does not exist")
}

// A memory store must survive the pool replacing its connection (it discards
// one whose request was cancelled): before, the new connection opened a new,
// empty database and every later request failed with "no such table".
func TestMemoryStoreSurvivesConnectionReplacement(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	s.db.SetMaxIdleConns(0) // close every connection as soon as it is returned
	for range 3 {
		var n int
		require.NoError(t, s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM fixture_state").Scan(&n))
		assert.Equal(t, len(Providers()), n)
	}

	other, err := Open(ctx, Memory, fstest.MapFS{}, allSeeders())
	require.NoError(t, err)
	defer other.Close()
	_, err = other.db.Exec(`INSERT INTO fixture_state (provider, seeded_at) VALUES ('other', 'x')`)
	require.NoError(t, err)
	var n int
	require.NoError(t, s.db.QueryRow("SELECT COUNT(*) FROM fixture_state WHERE provider = 'other'").Scan(&n))
	assert.Equal(t, 0, n, "two memory stores are two databases")
}
