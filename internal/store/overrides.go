package store

import (
	"context"
	"database/sql"
	"fmt"
)

// OverrideRow is one stored response override. Spec is its input JSON; the
// overrides package owns its meaning.
type OverrideRow struct {
	ID        int64
	Provider  string
	Spec      []byte
	Remaining *int // nil: unlimited
	Hits      int
	Source    string
	CreatedAt string
}

// Overrides returns every stored override, oldest first.
func (s *Store) Overrides(ctx context.Context) ([]OverrideRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, provider, spec, remaining, hits, source, created_at FROM overrides ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: overrides: %w", err)
	}
	defer rows.Close()
	var out []OverrideRow
	for rows.Next() {
		var o OverrideRow
		var rem sql.NullInt64
		if err := rows.Scan(&o.ID, &o.Provider, &o.Spec, &rem, &o.Hits, &o.Source, &o.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: overrides: %w", err)
		}
		if rem.Valid {
			n := int(rem.Int64)
			o.Remaining = &n
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: overrides: %w", err)
	}
	return out, nil
}

func insertOverride(ctx context.Context, tx *sql.Tx, o OverrideRow) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO overrides (provider, spec, remaining, hits, source, created_at) VALUES (?, ?, ?, 0, ?, ?)`,
		o.Provider, string(o.Spec), o.Remaining, o.Source, o.CreatedAt)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AddOverride stores o and returns its id.
func (s *Store) AddOverride(ctx context.Context, o OverrideRow) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertOverride(ctx, tx, o)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: add override: %w", err)
	}
	return id, nil
}

// ReplaceFileOverrides drops the overrides a previous start loaded from the
// overrides file and stores rows instead, in one transaction; it returns
// their ids in order. Overrides created through the API stay.
func (s *Store) ReplaceFileOverrides(ctx context.Context, rows []OverrideRow) ([]int64, error) {
	ids := make([]int64, 0, len(rows))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM overrides WHERE source = 'file'`); err != nil {
			return err
		}
		for _, o := range rows {
			o.Source = "file"
			id, err := insertOverride(ctx, tx, o)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: replace file overrides: %w", err)
	}
	return ids, nil
}

// DeleteOverride removes one override; ErrNotFound when there is none.
func (s *Store) DeleteOverride(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM overrides WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: delete override: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteOverrides removes one provider's overrides, or all when provider is "".
func (s *Store) DeleteOverrides(ctx context.Context, provider string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM overrides WHERE ? = '' OR provider = ?`, provider, provider)
	if err != nil {
		return fmt.Errorf("store: delete overrides: %w", err)
	}
	return nil
}

// OverrideUsed counts one answer of an override: one more hit and, when it is
// limited, one use less. Increments commute, so concurrent answers need no
// ordering.
func (s *Store) OverrideUsed(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE overrides SET hits = hits + 1, remaining = CASE WHEN remaining IS NULL THEN NULL ELSE MAX(remaining - 1, 0) END WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("store: override used: %w", err)
	}
	return nil
}
