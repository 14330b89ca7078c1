-- Bookkeeping shared by every provider.
CREATE TABLE IF NOT EXISTS fixture_state (
    provider  TEXT PRIMARY KEY,
    seeded_at TEXT NOT NULL
);
