-- Zipay: accounts with wallets, API keys, terminals, invoices, exchanges,
-- transfers, crypto withdrawals and webhook deliveries. Money is stored as
-- exact decimal strings; times as Unix nanoseconds of the mock clock.
CREATE TABLE IF NOT EXISTS zipay_accounts (
    number INTEGER PRIMARY KEY,
    email  TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS zipay_wallets (
    account  INTEGER NOT NULL REFERENCES zipay_accounts(number),
    currency TEXT NOT NULL,
    amount   TEXT NOT NULL,
    PRIMARY KEY (account, currency)
);

CREATE TABLE IF NOT EXISTS zipay_keys (
    api_key TEXT PRIMARY KEY,
    secret  TEXT NOT NULL,
    account INTEGER NOT NULL REFERENCES zipay_accounts(number),
    methods TEXT NOT NULL, -- comma-separated method names, or "*"
    ips     TEXT NOT NULL, -- comma-separated addresses/CIDRs; empty: any
    enabled INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS zipay_terminals (
    number  INTEGER PRIMARY KEY,
    account INTEGER NOT NULL REFERENCES zipay_accounts(number),
    name    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS zipay_networks (
    coin               TEXT NOT NULL,
    coin_name          TEXT NOT NULL,
    network            TEXT NOT NULL,
    network_name       TEXT NOT NULL,
    deposit_is_active  INTEGER NOT NULL,
    withdraw_is_active INTEGER NOT NULL,
    min_withdraw       TEXT NOT NULL,
    fee                TEXT NOT NULL,
    decimals           INTEGER NOT NULL,
    position           INTEGER NOT NULL,
    PRIMARY KEY (coin, network)
);

CREATE TABLE IF NOT EXISTS zipay_invoices (
    trackid        TEXT PRIMARY KEY,
    account        INTEGER NOT NULL REFERENCES zipay_accounts(number),
    terminal       INTEGER NOT NULL REFERENCES zipay_terminals(number),
    invoice_number TEXT NOT NULL,
    amount         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    national_id    TEXT NOT NULL,
    callback       TEXT NOT NULL,
    webhook        TEXT NOT NULL,
    status         TEXT NOT NULL, -- stored state; time-driven states are derived when read
    created_at     INTEGER NOT NULL,
    paid_at        INTEGER,
    completed_at   INTEGER,
    UNIQUE (terminal, invoice_number)
);

CREATE TABLE IF NOT EXISTS zipay_exchanges (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    trackid      TEXT NOT NULL UNIQUE,
    account      INTEGER NOT NULL REFERENCES zipay_accounts(number),
    created_at   INTEGER NOT NULL,
    spent_amount TEXT NOT NULL,
    spent_coin   TEXT NOT NULL,
    rate         TEXT NOT NULL,
    get_amount   TEXT NOT NULL,
    get_coin     TEXT NOT NULL,
    market       TEXT NOT NULL,
    side         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS zipay_exchanges_account ON zipay_exchanges (account, id);

CREATE TABLE IF NOT EXISTS zipay_transfers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    trackid     TEXT NOT NULL UNIQUE,
    sender      INTEGER NOT NULL REFERENCES zipay_accounts(number),
    receiver    INTEGER NOT NULL REFERENCES zipay_accounts(number),
    amount      TEXT NOT NULL,
    currency    TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    description TEXT,
    created_at  INTEGER NOT NULL,
    UNIQUE (sender, order_id)
);
CREATE INDEX IF NOT EXISTS zipay_transfers_receiver ON zipay_transfers (receiver, id);

CREATE TABLE IF NOT EXISTS zipay_withdrawals (
    trackid    TEXT PRIMARY KEY,
    account    INTEGER NOT NULL REFERENCES zipay_accounts(number),
    order_id   INTEGER NOT NULL,
    coin       TEXT NOT NULL,
    network    TEXT NOT NULL,
    requested  TEXT NOT NULL,
    amount     TEXT NOT NULL,
    fee        TEXT NOT NULL,
    address    TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (account, order_id)
);

CREATE TABLE IF NOT EXISTS zipay_webhooks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    trackid     TEXT NOT NULL,
    url         TEXT NOT NULL,
    body        TEXT NOT NULL,
    state       TEXT NOT NULL, -- pending, delivered, failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    last_status INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS zipay_webhooks_due ON zipay_webhooks (state, next_at);

CREATE TABLE IF NOT EXISTS zipay_webhook_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id  INTEGER NOT NULL REFERENCES zipay_webhooks(id),
    attempt     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    status      INTEGER NOT NULL,
    error       TEXT NOT NULL,
    duration_ms INTEGER NOT NULL
);
