package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/mocksuite/mocksuite/fixtures"
)

// foreignDB writes another application's SQLite file (rollback journal, no
// application id) and returns its path and bytes.
func foreignDB(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.db")
	db := sql.OpenDB(plainConnector{dsn: "file:" + path})
	_, err := db.Exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER); INSERT INTO invoices (total) VALUES (42)`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return path, b
}

func TestOpenRefusesAnotherApplicationsDB(t *testing.T) {
	path, before := foreignDB(t)
	_, err := Open(context.Background(), path, fixtures.FS, allSeeders())
	require.Error(t, err)
	assert.Equal(t, "store: "+path+" holds another application's SQLite database (application_id 0, tables invoices): refusing to change it; give --db a new file", err.Error())
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the file is byte-for-byte unchanged")
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no -wal or -shm file beside it")

	notSQLite := filepath.Join(t.TempDir(), "notes.db")
	require.NoError(t, os.WriteFile(notSQLite, []byte("just some text, not a database at all, long enough to be read as a header......................................"), 0o600))
	_, err = Open(context.Background(), notSQLite, fixtures.FS, allSeeders())
	assert.ErrorContains(t, err, "store: "+notSQLite+" is not a SQLite database")
}

func TestOpenMarksAndCountsStarts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path, fixtures.FS, allSeeders())
	require.NoError(t, err)
	assert.Equal(t, uint64(0), s.Boot(), "a new database")
	var id int64
	require.NoError(t, s.db.QueryRow("PRAGMA application_id").Scan(&id))
	assert.Equal(t, int64(ApplicationID), id)
	require.NoError(t, s.Writable(ctx))
	require.NoError(t, s.Close())

	for want := uint64(1); want <= 2; want++ {
		s, err = Open(ctx, path, fixtures.FS, allSeeders())
		require.NoError(t, err, "our own file opens again")
		assert.Equal(t, want, s.Boot())
		require.NoError(t, s.Close())
	}

	// A mocksuite file from before the mark: accepted, marked, and counted as restarted.
	s, err = Open(ctx, path, fixtures.FS, allSeeders())
	require.NoError(t, err)
	_, err = s.db.Exec("PRAGMA application_id = 0")
	require.NoError(t, err)
	_, err = s.db.Exec("DELETE FROM store_meta")
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = Open(ctx, path, fixtures.FS, allSeeders())
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, uint64(1), s.Boot())
	require.NoError(t, s.db.QueryRow("PRAGMA application_id").Scan(&id))
	assert.Equal(t, int64(ApplicationID), id)

	m := openTest(t, Memory)
	assert.Equal(t, uint64(0), m.Boot())
	assert.NoError(t, m.Writable(ctx))
}

func TestWritableFailsOnReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, Memory)
	// With one pooled connection, query_only on it stands for a database that
	// stopped taking writes.
	s.db.SetMaxOpenConns(1)
	_, err := s.db.Exec("PRAGMA query_only = ON")
	require.NoError(t, err)
	assert.ErrorContains(t, s.Writable(ctx), "store not writable: attempt to write a readonly database")
}
