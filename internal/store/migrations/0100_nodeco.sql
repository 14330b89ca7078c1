-- NODE cloud (node.co.id and virtdedi.com). Every row carries its flavour;
-- servers, shares, snapshots and consoles also carry the stage ("sandbox" or
-- "real") so the two stages never see each other's state.
CREATE TABLE nodeco_accounts (
    flavour         TEXT    NOT NULL,
    user_id         TEXT    NOT NULL,
    api_key         TEXT    NOT NULL,
    email           TEXT    NOT NULL DEFAULT '',
    full_name       TEXT    NOT NULL DEFAULT '',
    phone_verified  INTEGER NOT NULL DEFAULT 1,
    unpaid_invoices INTEGER NOT NULL DEFAULT 0,
    balance         TEXT    NOT NULL DEFAULT '0', -- exact decimal string
    reseller        INTEGER NOT NULL DEFAULT 0,
    new_server_cap  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (flavour, user_id)
);

CREATE TABLE nodeco_catalog (
    flavour    TEXT    NOT NULL,
    kind       TEXT    NOT NULL, -- arch | os_variant | os_template
    key        TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    os_variant TEXT    NOT NULL DEFAULT '',
    arch       TEXT    NOT NULL DEFAULT '',
    position   INTEGER NOT NULL,
    PRIMARY KEY (flavour, kind, key)
);

CREATE TABLE nodeco_servers (
    flavour                          TEXT    NOT NULL,
    stage                            TEXT    NOT NULL,
    server_id                        TEXT    NOT NULL,
    user_id                          TEXT    NOT NULL,
    server_label                     TEXT    NOT NULL,
    order_status                     TEXT    NOT NULL,
    server_status                    TEXT    NOT NULL,
    ready_at                         INTEGER NOT NULL DEFAULT 0, -- unix time an install/reinstall ends; 0 = none
    package                          TEXT    NOT NULL,
    vcpu                             INTEGER NOT NULL,
    ram                              TEXT    NOT NULL, -- decimal GB
    disk                             INTEGER NOT NULL, -- ssd (node) or nvme (virtdedi), GB
    hdd                              INTEGER NOT NULL DEFAULT 0,
    price                            TEXT    NOT NULL, -- decimal
    monthly_cap                      INTEGER NOT NULL DEFAULT 0,
    monthly_data_transfer            INTEGER NOT NULL DEFAULT 0,
    additional_monthly_data_transfer INTEGER NOT NULL DEFAULT 0,
    activated_time                   INTEGER NOT NULL, -- unix time
    end_time                         INTEGER NOT NULL DEFAULT 0,
    install_method                   TEXT    NOT NULL DEFAULT 'api',
    install_source                   TEXT    NOT NULL DEFAULT 'template',
    os_template                      TEXT    NOT NULL DEFAULT '',
    iso_url                          TEXT    NOT NULL DEFAULT '',
    hostname                         TEXT    NOT NULL DEFAULT '',
    os_variant                       TEXT    NOT NULL DEFAULT '',
    arch                             TEXT    NOT NULL DEFAULT '',
    root_password                    TEXT    NOT NULL DEFAULT '',
    data_center                      TEXT    NOT NULL DEFAULT '',
    extra_data_transfer_action       TEXT    NOT NULL DEFAULT '',
    custom_info_1                    TEXT    NOT NULL DEFAULT '',
    custom_info_2                    TEXT    NOT NULL DEFAULT '',
    custom_info_3                    TEXT    NOT NULL DEFAULT '',
    daily_snapshots                  TEXT    NOT NULL DEFAULT 'no',
    daily_max_age                    INTEGER NOT NULL DEFAULT 0,
    weekly_snapshots                 TEXT    NOT NULL DEFAULT 'no',
    weekly_max_age                   INTEGER NOT NULL DEFAULT 0,
    monthly_snapshots                TEXT    NOT NULL DEFAULT 'no',
    monthly_max_age                  INTEGER NOT NULL DEFAULT 0,
    hdd_backup                       TEXT    NOT NULL DEFAULT 'no',
    billing_cycle                    TEXT    NOT NULL DEFAULT '',
    billing_cycle_discount           TEXT    NOT NULL DEFAULT '0',
    reseller_discount                TEXT    NOT NULL DEFAULT '0',
    pay_with_balance                 TEXT    NOT NULL DEFAULT 'yes',
    ip_address                       TEXT    NOT NULL DEFAULT '',
    reverse_host                     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (flavour, stage, server_id)
);
CREATE INDEX nodeco_servers_owner ON nodeco_servers (flavour, stage, user_id);

CREATE TABLE nodeco_shares (
    flavour             TEXT    NOT NULL,
    stage               TEXT    NOT NULL,
    server_id           TEXT    NOT NULL,
    email               TEXT    NOT NULL,
    user_id             TEXT    NOT NULL DEFAULT '',
    full_name           TEXT    NOT NULL DEFAULT '',
    virtual_monitor     TEXT    NOT NULL DEFAULT 'no',
    change_label        TEXT    NOT NULL DEFAULT 'no',
    view_password       TEXT    NOT NULL DEFAULT 'no',
    change_password     TEXT    NOT NULL DEFAULT 'no',
    turn_on             TEXT    NOT NULL DEFAULT 'no',
    turn_off            TEXT    NOT NULL DEFAULT 'no',
    reinstall           TEXT    NOT NULL DEFAULT 'no',
    change_reverse_host TEXT    NOT NULL DEFAULT 'no',
    view_snapshot       TEXT    NOT NULL DEFAULT 'no',
    create_snapshot     TEXT    NOT NULL DEFAULT 'no',
    delete_snapshot     TEXT    NOT NULL DEFAULT 'no',
    seq                 INTEGER NOT NULL,
    PRIMARY KEY (flavour, stage, server_id, email),
    FOREIGN KEY (flavour, stage, server_id) REFERENCES nodeco_servers (flavour, stage, server_id)
);

CREATE TABLE nodeco_snapshots (
    flavour         TEXT    NOT NULL,
    stage           TEXT    NOT NULL,
    snapshot_id     TEXT    NOT NULL,
    server_id       TEXT    NOT NULL,
    snapshot_name   TEXT    NOT NULL,
    add_time        INTEGER NOT NULL,
    end_time        INTEGER NOT NULL DEFAULT 0,
    cycle           TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    ready_at        INTEGER NOT NULL DEFAULT 0, -- unix time processing ends; 0 = none
    size            TEXT    NOT NULL, -- decimal GB
    install_source  TEXT    NOT NULL, -- install source of the server when taken
    os_template     TEXT    NOT NULL DEFAULT '',
    os_variant      TEXT    NOT NULL DEFAULT '',
    arch            TEXT    NOT NULL DEFAULT '',
    disk            INTEGER NOT NULL, -- disk size of the server when taken, GB
    has_hdd         INTEGER NOT NULL DEFAULT 0,
    url_key         TEXT    NOT NULL, -- secret behind the signed download URL
    PRIMARY KEY (flavour, stage, snapshot_id),
    FOREIGN KEY (flavour, stage, server_id) REFERENCES nodeco_servers (flavour, stage, server_id)
);

CREATE TABLE nodeco_consoles (
    token              TEXT    PRIMARY KEY,
    flavour            TEXT    NOT NULL,
    stage              TEXT    NOT NULL,
    server_id          TEXT    NOT NULL,
    user_id            TEXT    NOT NULL,
    monitor_mode       TEXT    NOT NULL,
    view_root_password TEXT    NOT NULL,
    branding_logo_url  TEXT    NOT NULL DEFAULT '',
    home_url           TEXT    NOT NULL DEFAULT '',
    server_detail_url  TEXT    NOT NULL DEFAULT '',
    background_color   TEXT    NOT NULL DEFAULT '',
    expires_at         INTEGER NOT NULL
);
