// Package store is the SQLite state of every emulator: opening (WAL, busy
// timeout, foreign keys), embedded migrations, fixture import and one file of
// functions per aggregate. Handlers call these functions; no *sql.Rows or SQL
// leaves the package.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is the open database.
type Store struct {
	db       *sql.DB
	fixtures fs.FS
	seeders  []Seeder
	memory   bool
	path     string
	boot     uint64
	// anchor keeps a named in-memory database alive: SQLite frees it when its
	// last connection closes, and the pool may close and replace one at any
	// time (a cancelled request's connection is discarded as bad).
	anchor   driver.Conn
	versions *versions
	caches   *caches
}

// stmtCacheSize is how many prepared statements each connection keeps: every
// request runs the same few queries, and preparing them was a fifth of the
// time of a read request.
const stmtCacheSize = "128"

// Memory is the DB path for throw-away state.
const Memory = ":memory:"

// Open opens (creating if needed) the database at path, applies migrations and
// seeds each provider of seeders from fixtures the first time. fixtures holds
// <provider>.yaml files; the seeders come from the provider registry.
func Open(ctx context.Context, path string, fixtures fs.FS, seeders []Seeder) (*Store, error) {
	s := &Store{fixtures: fixtures, seeders: seeders, memory: path == Memory, path: path}
	var dsn string
	if s.memory {
		// A private name in shared-cache mode: every connection of this store
		// reaches the same database, and no other store (another App in the
		// same test binary) does.
		dsn = "file:" + memoryName() + "?mode=memory&cache=shared&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate&_stmt_cache_size=" + stmtCacheSize
	} else {
		if dir := filepath.Dir(path); dir != "." {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return nil, fmt.Errorf("store: directory %s of db %s does not exist", dir, path)
			}
		}
		if err := checkWritable(path); err != nil {
			return nil, err
		}
		if err := checkOurs(ctx, path); err != nil {
			return nil, err
		}
		q := url.Values{}
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_busy_timeout", "5000")
		q.Set("_foreign_keys", "on")
		// Write transactions take the lock at BEGIN: two transactions that read
		// then write can otherwise deadlock on the upgrade and fail with BUSY.
		q.Set("_txlock", "immediate")
		q.Set("_stmt_cache_size", stmtCacheSize)
		dsn = "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	}
	s.versions = newVersions()
	s.caches = newCaches(s.versions)
	conn := connector{dsn: dsn, versions: s.versions, drv: &sqlite3.SQLiteDriver{ConnectHook: onConnect}}
	db := sql.OpenDB(conn)
	if s.memory {
		var err error
		if s.anchor, err = conn.Connect(ctx); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		// One working connection: shared-cache connections lock whole tables
		// against each other, and one is all a memory database needs.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	} else {
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
	}
	s.db = db
	if err := db.PingContext(ctx); err != nil {
		s.closeAll()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	fresh, err := s.fresh(ctx)
	if err != nil {
		s.closeAll()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.closeAll()
		return nil, err
	}
	if err := s.mark(ctx, fresh); err != nil {
		s.closeAll()
		return nil, s.notWritable(err)
	}
	if err := s.seedMissing(ctx); err != nil {
		s.closeAll()
		return nil, err
	}
	return s, nil
}

// memoryName is a fresh name for a private in-memory database.
func memoryName() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "mocksuite-mem-" + hex.EncodeToString(b[:])
}

// closeAll closes the pool, then the anchor, which frees a memory database.
func (s *Store) closeAll() error {
	err := s.db.Close()
	if s.anchor != nil {
		_ = s.anchor.Close()
	}
	return err
}

// connector opens go-sqlite3 connections with our per-connection set-up,
// without registering a driver name globally.
type connector struct {
	dsn      string
	drv      *sqlite3.SQLiteDriver
	versions *versions
}

func (c connector) Connect(context.Context) (driver.Conn, error) {
	dc, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	conn := dc.(*sqlite3.SQLiteConn)
	c.versions.hook(conn)
	return trackedConn{SQLiteConn: conn, versions: c.versions}, nil
}

// trackedConn forgets its write record when the pool closes it.
type trackedConn struct {
	*sqlite3.SQLiteConn
	versions *versions
}

func (t trackedConn) Close() error {
	t.versions.forget(t.SQLiteConn)
	return t.SQLiteConn.Close()
}
func (c connector) Driver() driver.Driver { return c.drv }

// onConnect keeps temporary b-trees (ORDER BY, DISTINCT) in memory: with the
// default they go to a temp file, which made a three-row sorted read cost 70 µs.
func onConnect(conn *sqlite3.SQLiteConn) error {
	if _, err := conn.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
		return fmt.Errorf("store: temp_store: %w", err)
	}
	return nil
}

// Close checkpoints and closes the database.
func (s *Store) Close() error {
	if !s.memory {
		// Fold the WAL into the main file so a copied DB file is complete.
		_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	if err := s.closeAll(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// migrate applies every embedded migration not applied yet, in file-name order.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("store: list migrations: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, base).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			body, err := migrationFS.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, base, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %s: %w", base, err)
		}
	}
	return nil
}

// tx runs fn in one transaction, committing when it returns nil, then raises
// the versions of the tables it wrote (see versions.go).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.txRenamed(ctx, nil, fn)
}

// balanceTx is tx for a transaction that changes nothing in the tables of
// balanceOnly but balances: it raises their balance versions only, so the
// cached identities (keys, roles, whitelists) of those tables stay valid.
// Orders charge on every call; without this each would retire every cached
// Gempay user.
func (s *Store) balanceTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.txRenamed(ctx, balanceOnly, fn)
}

func (s *Store) txRenamed(ctx context.Context, rename map[string]string, fn func(*sql.Tx) error) error {
	_, err := s.withConnRenamed(ctx, rename, func(c *sql.Conn) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			_ = tx.Rollback()
			return err
		}
		return tx.Commit()
	})
	return err
}

// ErrNotFound is returned by lookups that find nothing.
var ErrNotFound = errors.New("store: not found")

// IsNotFound reports whether err means "no such row".
func IsNotFound(err error) bool {
	return errors.Is(err, ErrNotFound) || errors.Is(err, sql.ErrNoRows)
}
