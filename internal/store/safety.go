package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// ApplicationID marks a SQLite file as mocksuite's ("MOCK" in ASCII), so a
// --db pointing at another application's database is refused, not migrated.
const ApplicationID = 0x4d4f434b

// checkWritable fails early, naming the file, when the DB file or its folder
// (where SQLite keeps the -wal and -shm files) cannot be written: otherwise the
// server would start and answer 500 to every write. Opening the file for
// writing without writing leaves it unchanged.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".mocksuite-probe-*")
	if err != nil {
		return fmt.Errorf("store: db %s is not writable: folder %s: %w", path, dir, errors.Unwrap(err))
	}
	probe.Close()
	_ = os.Remove(probe.Name())
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("store: db %s is not writable: %w", path, errors.Unwrap(err))
	}
	return f.Close()
}

// checkOurs refuses a non-empty SQLite file of another application before it
// is opened read-write: opening it would add our tables and switch it to WAL.
// It reads through a read-only connection, which leaves the file unchanged.
func checkOurs(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if err != nil || st.Size() == 0 {
		return nil // created fresh (an unreadable path fails at open, naming it)
	}
	db := sql.OpenDB(plainConnector{dsn: "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro"})
	defer db.Close()
	var id int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrNotADB {
			return fmt.Errorf("store: %s is not a SQLite database: refusing to use it; give --db a new file", path)
		}
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	if id == ApplicationID {
		return nil
	}
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		return fmt.Errorf("store: %s: read its tables: %w", path, err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("store: %s: read its tables: %w", path, err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: read its tables: %w", path, err)
	}
	if len(tables) == 0 || (id == 0 && contains(tables, "schema_migrations") && contains(tables, "fixture_state")) {
		return nil // empty, or ours from before the mark
	}
	if len(tables) > 3 {
		tables = append(tables[:3], "…")
	}
	return fmt.Errorf("store: %s holds another application's SQLite database (application_id %d, tables %s): refusing to change it; give --db a new file",
		path, id, strings.Join(tables, ", "))
}

// plainConnector opens go-sqlite3 connections without the store's hooks.
type plainConnector struct{ dsn string }

func (c plainConnector) Connect(context.Context) (driver.Conn, error) {
	return (&sqlite3.SQLiteDriver{}).Open(c.dsn)
}
func (c plainConnector) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// fresh reports whether no migration was ever applied: a new database.
func (s *Store) fresh(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&n)
	return n == 0, err
}

// mark stamps the application id, proves the database takes writes and counts
// this start (Boot), in one transaction.
func (s *Store) mark(ctx context.Context, fresh bool) error {
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`); err != nil {
			return err
		}
		var boot int64
		err := tx.QueryRowContext(ctx, `SELECT value FROM store_meta WHERE key = 'boot'`).Scan(&boot)
		switch {
		case errors.Is(err, sql.ErrNoRows) && fresh:
			boot = 0
		case errors.Is(err, sql.ErrNoRows):
			boot = 1 // made before starts were counted: ids may already be stored
		case err != nil:
			return err
		default:
			boot++
		}
		s.boot = uint64(boot)
		_, err = tx.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES ('boot', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, boot)
		return err
	})
}

// Boot counts the starts on this database before this one: 0 for a new (or
// in-memory) database. Seeded id sources use it so that ids generated after a
// restart never repeat ones already stored.
func (s *Store) Boot() uint64 { return s.boot }

// notWritable names the file when a start-up write fails.
func (s *Store) notWritable(err error) error {
	return fmt.Errorf("store: db %s is not writable: %w", s.path, err)
}

// Writable proves the database still takes writes (a read-only file or
// folder, a full disk): /__admin/health reports it.
// The probe waits for a lock at most probeBusyMS, not the 5 s requests wait,
// so a health check answers within a container check's timeout.
func (s *Store) Writable(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store not writable: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", probeBusyMS)); err != nil {
		return fmt.Errorf("store not writable: %w", err)
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO store_meta (key, value) VALUES ('health', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1`)
	// A write outside s.tx: raise what it touched here, or the connection
	// would carry it into the next call that checks what it wrote.
	if _, serr := s.versions.settle(conn, nil); serr != nil && err == nil {
		err = serr
	}
	if _, rerr := conn.ExecContext(context.Background(), "PRAGMA busy_timeout = 5000"); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("store not writable: %w", err)
	}
	return nil
}

const probeBusyMS = 1000
