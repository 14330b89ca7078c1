-- HostDime API v1: accounts (key pairs), services (dedicated servers and VPSes
-- addressed by cuid), their reverse DNS records, domains and support tickets.
CREATE TABLE IF NOT EXISTS hostdime_accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    api_key     TEXT NOT NULL UNIQUE,
    private_key TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS hostdime_services (
    cuid          TEXT PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES hostdime_accounts(id),
    kind          TEXT NOT NULL CHECK (kind IN ('server', 'vps')),
    label         TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'clientsuspend')),
    power         TEXT NOT NULL CHECK (power IN ('on', 'off')),
    type          TEXT NOT NULL DEFAULT '',
    ip_main       TEXT NOT NULL DEFAULT '',
    dns_json      TEXT NOT NULL DEFAULT '[]',
    cpu           TEXT NOT NULL DEFAULT '',
    memory        TEXT NOT NULL DEFAULT '',
    ssh_port      TEXT NOT NULL DEFAULT '',
    drives_json   TEXT NOT NULL DEFAULT '[]',
    control_panel TEXT NOT NULL DEFAULT '',
    ip_ipmi       TEXT NOT NULL DEFAULT '',
    ipmi_password TEXT NOT NULL DEFAULT '',
    os            TEXT NOT NULL DEFAULT '',
    disk_usage    TEXT NOT NULL DEFAULT '',
    disk_quota    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS hostdime_services_account ON hostdime_services (account_id, kind, cuid);

CREATE TABLE IF NOT EXISTS hostdime_rdns (
    ip       TEXT PRIMARY KEY,
    cuid     TEXT NOT NULL REFERENCES hostdime_services(cuid),
    position INTEGER NOT NULL,
    ptr      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hostdime_rdns_cuid ON hostdime_rdns (cuid, position);

CREATE TABLE IF NOT EXISTS hostdime_domains (
    account_id INTEGER NOT NULL REFERENCES hostdime_accounts(id),
    domain     TEXT NOT NULL,
    status     TEXT NOT NULL,
    created    TEXT NOT NULL,
    expires    TEXT NOT NULL,
    PRIMARY KEY (account_id, domain)
);

CREATE TABLE IF NOT EXISTS hostdime_tickets (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES hostdime_accounts(id),
    cuid       TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL,
    priority   TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
