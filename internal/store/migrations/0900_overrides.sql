-- Response overrides (internal/overrides). spec is the override's input JSON
-- as validated; remaining (NULL: unlimited) and hits change as it answers.
CREATE TABLE overrides (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    provider   TEXT    NOT NULL,
    spec       TEXT    NOT NULL,
    remaining  INTEGER,
    hits       INTEGER NOT NULL DEFAULT 0,
    source     TEXT    NOT NULL DEFAULT 'api', -- api | file
    created_at TEXT    NOT NULL
);
