package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// rowQuerier is what *sql.DB and *sql.Tx share for reading lists.
type rowQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rowScanner is one row being read.
type rowScanner interface{ Scan(dest ...any) error }

// queryList runs query and reads every row with scan, so a list function
// says only what it selects and how one row becomes a value; what names the
// list in errors. An empty result is an empty, non-nil slice.
func queryList[T any](ctx context.Context, q rowQuerier, what string, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// rowErrf is the error of a one-row read: ErrNotFound when there was no row,
// else err wrapped as "store: <format>: …"; nil stays nil.
func rowErrf(err error, format string, args ...any) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	}
	return fmt.Errorf("store: "+format+": %w", append(args, err)...)
}

// scanOne reads a single-column row.
func scanOne[T any](r rowScanner) (T, error) {
	var v T
	err := r.Scan(&v)
	return v, err
}

// deleteOwned runs the statements that remove an account and what it owns,
// children first, each with the same args, in tx. The last statement removes
// the account itself; ErrNotFound when it removed nothing (the statements
// before it then removed nothing either, and the caller rolls back).
func deleteOwned(ctx context.Context, tx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}, what string, stmts []string, args ...any) error {
	var res sql.Result
	for _, q := range stmts {
		var err error
		if res, err = tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: delete %s: %w", what, err)
		}
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: delete %s: %w", what, err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
