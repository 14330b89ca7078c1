package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// seeder loads one provider's fixtures. tables lists the provider's tables in
// an order that deletes safely (children first), for reset.
type seeder struct {
	provider string
	tables   []string
	seed     func(ctx context.Context, tx *sql.Tx, raw []byte) error
}

// seeders lists every provider's fixture loader. Each lives in the provider's file.
func seeders() []seeder {
	return []seeder{nodecoSeeder, hostdimeSeeder, gempaySeeder, geniuspluginSeeder, zipaySeeder}
}

// Providers lists the provider names the store can reset.
func Providers() []string {
	var out []string
	for _, s := range seeders() {
		out = append(out, s.provider)
	}
	return out
}

// seedMissing seeds each provider that has never been seeded in this database,
// so state survives restarts while a fresh database starts from fixtures.
func (s *Store) seedMissing(ctx context.Context) error {
	for _, sd := range seeders() {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM fixture_state WHERE provider = ?`, sd.provider).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			return s.seedOne(ctx, tx, sd)
		})
		if err != nil {
			return fmt.Errorf("store: seed %s: %w", sd.provider, err)
		}
	}
	return nil
}

func (s *Store) seedOne(ctx context.Context, tx *sql.Tx, sd seeder) error {
	if sd.seed != nil {
		raw, err := fs.ReadFile(s.fixtures, sd.provider+".yaml")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("read %s.yaml: %w", sd.provider, err)
		}
		if err == nil {
			if err := sd.seed(ctx, tx, raw); err != nil {
				return fmt.Errorf("%s.yaml: %w", sd.provider, err)
			}
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO fixture_state (provider, seeded_at) VALUES (?, ?)`, sd.provider, time.Now().UTC().Format(time.RFC3339))
	return err
}

// Reset empties a provider's tables and loads its fixtures again, in one
// transaction; provider "" resets every provider.
func (s *Store) Reset(ctx context.Context, provider string) error {
	found := false
	for _, sd := range seeders() {
		if provider != "" && sd.provider != provider {
			continue
		}
		found = true
		err := s.tx(ctx, func(tx *sql.Tx) error {
			for _, t := range sd.tables {
				// Table names come from the code, never from the request.
				if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
					return fmt.Errorf("clear %s: %w", t, err)
				}
			}
			return s.seedOne(ctx, tx, sd)
		})
		if err != nil {
			return fmt.Errorf("store: reset %s: %w", sd.provider, err)
		}
	}
	if !found {
		return fmt.Errorf("store: reset: unknown provider %q", provider)
	}
	// A bare DELETE empties a table without telling the update hook.
	s.versions.raiseAll()
	return nil
}
