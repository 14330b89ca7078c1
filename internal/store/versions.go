package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"
)

// versions is how in-process caches stay exactly consistent with SQLite, the
// source of truth. Every table has a version; every write transaction raises
// the version of each table it touched, after it commits. A cached value is
// tagged with the version of the tables it was read from (taken before the
// read) and used only while that version is unchanged.
//
// Why after commit: a reader that took the old version and read before the
// commit cached the old rows under the old version, which the raise then
// retires; a reader that took the new version read after the commit. Between
// the commit and the raise a cached value may still be served, but the writer
// has not returned yet, so that read is ordered before the write.
//
// SQLite names each changed table to the connection's update hook; the store
// collects those names per connection while a transaction runs, so no write
// function has to list what it touches. The hook is not called for the
// truncate optimisation of a bare DELETE, so Reset raises everything itself.
type versions struct {
	clock atomic.Uint64 // the last version handed out
	mu    sync.RWMutex
	table map[string]*atomic.Uint64
	conns sync.Map // *sqlite3.SQLiteConn → *touched
}

// touched is the set of tables one connection changed in its open transaction.
type touched struct {
	mu     sync.Mutex
	tables map[string]struct{}
}

func newVersions() *versions { return &versions{table: map[string]*atomic.Uint64{}} }

// hook is the connection set-up that records changed tables.
func (v *versions) hook(conn *sqlite3.SQLiteConn) {
	t := &touched{tables: map[string]struct{}{}}
	v.conns.Store(conn, t)
	conn.RegisterUpdateHook(func(_ int, _ string, table string, _ int64) {
		t.mu.Lock()
		t.tables[table] = struct{}{}
		t.mu.Unlock()
	})
}

// counter returns the version cell of table, creating it on first use.
func (v *versions) counter(table string) *atomic.Uint64 {
	v.mu.RLock()
	c := v.table[table]
	v.mu.RUnlock()
	if c != nil {
		return c
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if c = v.table[table]; c == nil {
		c = new(atomic.Uint64)
		v.table[table] = c
	}
	return c
}

// of returns one number that changes whenever any of tables changes: versions
// come from one rising counter, so a raise makes a table's version the largest
// handed out so far, and the maximum over a set changes with any member.
func (v *versions) of(tables ...string) uint64 {
	var m uint64
	for _, t := range tables {
		m = max(m, v.counter(t).Load())
	}
	return m
}

// balanceOnly maps a table to the name its version goes by when a
// transaction changes only balances in it (see Store.balanceTx).
var balanceOnly = map[string]string{"gempay_users": "gempay_users.balance"}

// raise gives each of tables a new version.
func (v *versions) raise(tables ...string) {
	for _, t := range tables {
		v.counter(t).Store(v.clock.Add(1))
	}
}

// raiseAll retires every cached value.
func (v *versions) raiseAll() {
	v.mu.RLock()
	defer v.mu.RUnlock()
	for _, c := range v.table {
		c.Store(v.clock.Add(1))
	}
}

// settle raises the tables the connection under c touched since the last
// call, and returns their names.
func (v *versions) settle(c *sql.Conn, rename map[string]string) (names []string, err error) {
	err = c.Raw(func(dc any) error {
		conn, ok := dc.(trackedConn)
		if !ok {
			return fmt.Errorf("store: unexpected driver connection %T", dc)
		}
		st, ok := v.conns.Load(conn.SQLiteConn)
		if !ok {
			return nil
		}
		t := st.(*touched)
		t.mu.Lock()
		for name := range t.tables {
			if to, ok := rename[name]; ok {
				name = to
			}
			names = append(names, name)
		}
		clear(t.tables)
		t.mu.Unlock()
		v.raise(names...)
		return nil
	})
	return names, err
}

// forget drops a closed connection's record.
func (v *versions) forget(conn *sqlite3.SQLiteConn) { v.conns.Delete(conn) }

// withConnRenamed runs fn on one pooled connection, then raises the versions
// of what it wrote, whether fn committed or not (a rolled-back write only
// costs a cache miss), each under the name rename gives it, if any; it
// returns those names.
func (s *Store) withConnRenamed(ctx context.Context, rename map[string]string, fn func(*sql.Conn) error) ([]string, error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	err = fn(c)
	wrote, serr := s.versions.settle(c, rename)
	if serr != nil && err == nil {
		err = serr
	}
	return wrote, err
}

// Version returns a number that changes whenever any of the named tables is
// written, for callers that keep something derived from them (an encoded
// answer, say) and must drop it when they change.
func (s *Store) Version(tables ...string) uint64 { return s.versions.of(tables...) }
