-- GeniusPlugin reseller API: resellers found by source IP, their prepaid
-- credit (integer cents) and the firewall packages they sell, keyed by
-- lower-cased domain within a reseller.
CREATE TABLE IF NOT EXISTS gp_resellers (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    api_key      TEXT    NOT NULL UNIQUE,
    credit_cents INTEGER NOT NULL CHECK (credit_cents >= 0)
);

CREATE TABLE IF NOT EXISTS gp_reseller_ips (
    reseller_id INTEGER NOT NULL REFERENCES gp_resellers(id) ON DELETE CASCADE,
    prefix      TEXT    NOT NULL,
    PRIMARY KEY (reseller_id, prefix)
);

CREATE TABLE IF NOT EXISTS gp_packages (
    reseller_id INTEGER NOT NULL REFERENCES gp_resellers(id) ON DELETE CASCADE,
    domain      TEXT    NOT NULL,
    package     TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('active', 'suspended')),
    email       TEXT    NOT NULL,
    password    TEXT    NOT NULL,
    token       TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    PRIMARY KEY (reseller_id, domain)
);

-- Every credit movement, with the balance after it, for audit and tests.
CREATE TABLE IF NOT EXISTS gp_credit_ledger (
    id            INTEGER PRIMARY KEY,
    reseller_id   INTEGER NOT NULL REFERENCES gp_resellers(id) ON DELETE CASCADE,
    domain        TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    amount_cents  INTEGER NOT NULL,
    balance_cents INTEGER NOT NULL,
    at            TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS gp_credit_ledger_reseller ON gp_credit_ledger (reseller_id, id);
