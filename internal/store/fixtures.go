package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Seeder loads one provider's fixtures. Each lives in the provider's store
// file and reaches Open through the provider registry (internal/providers),
// which the store cannot import.
type Seeder struct {
	provider string
	// tables are the provider's tables in an order that deletes safely
	// (children first), for reset.
	tables []string
	seed   func(ctx context.Context, tx *sql.Tx, raw []byte) error
}

// newSeeder is the seeder of provider: seed gets fixtures/<provider>.yaml
// decoded strictly (decodeFixture), and a reset deletes tables in the order
// given (children first).
func newSeeder[F any](provider string, seed func(context.Context, *sql.Tx, F) error, tables ...string) Seeder {
	return Seeder{provider: provider, tables: tables, seed: func(ctx context.Context, tx *sql.Tx, raw []byte) error {
		var fx F
		if err := decodeFixture(raw, &fx); err != nil {
			return err
		}
		return seed(ctx, tx, fx)
	}}
}

// Provider is the name the seeder loads (fixtures/<name>.yaml) and resets.
func (sd Seeder) Provider() string { return sd.provider }

// decodeFixture decodes a fixtures file into v strictly: a key v does not
// know fails the seeding with an error naming it (the caller names the file),
// so a misspelt key fails startup instead of silently seeding a default.
func decodeFixture(raw []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			// One line per problem reads badly in a start-up failure: join them.
			return fmt.Errorf("decode: %s", strings.Join(te.Errors, "; "))
		}
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}

// seedMissing seeds each provider that has never been seeded in this database,
// so state survives restarts while a fresh database starts from fixtures.
func (s *Store) seedMissing(ctx context.Context) error {
	for _, sd := range s.seeders {
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

func (s *Store) seedOne(ctx context.Context, tx *sql.Tx, sd Seeder) error {
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
	for _, sd := range s.seeders {
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
