-- Gempay Top Up V1: products with one price per role, users (API keys) with a
-- role, a balance in whole rupiah and IP whitelist entries, and orders.
CREATE TABLE gempay_products (
    kode     TEXT PRIMARY KEY,
    kategori TEXT NOT NULL,
    produk   TEXT NOT NULL,
    catatan  TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('Aktif', 'NonAktif')),
    position INTEGER NOT NULL
);

CREATE TABLE gempay_prices (
    kode  TEXT NOT NULL REFERENCES gempay_products (kode) ON DELETE CASCADE,
    role  TEXT NOT NULL,
    harga INTEGER NOT NULL CHECK (harga >= 0),
    PRIMARY KEY (kode, role)
);

CREATE TABLE gempay_users (
    id      INTEGER PRIMARY KEY,
    api_key TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    role    TEXT NOT NULL,
    -- whole rupiah; the CHECK is the last line of defence against an overdraft
    balance INTEGER NOT NULL CHECK (balance >= 0)
);

CREATE TABLE gempay_user_ips (
    user_id INTEGER NOT NULL REFERENCES gempay_users (id) ON DELETE CASCADE,
    cidr    TEXT NOT NULL,
    PRIMARY KEY (user_id, cidr)
);

-- user_id deliberately has no foreign key: an order outlives a deleted account,
-- which is how cek-status reaches "User not found".
CREATE TABLE gempay_orders (
    order_id     TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL,
    ref_id       TEXT NOT NULL,
    game_user_id TEXT NOT NULL,
    zone         TEXT NOT NULL,
    kode         TEXT NOT NULL,
    produk       TEXT NOT NULL,
    harga        INTEGER NOT NULL CHECK (harga >= 0),
    status       TEXT NOT NULL CHECK (status IN ('Pending', 'Success', 'Batal')),
    -- the status the order takes once due_at has passed
    final_status TEXT NOT NULL CHECK (final_status IN ('Success', 'Batal')),
    created_at   INTEGER NOT NULL, -- Unix nanoseconds of the mock clock
    due_at       INTEGER NOT NULL, -- Unix nanoseconds of the mock clock
    UNIQUE (user_id, ref_id)
);

CREATE INDEX gempay_orders_pending ON gempay_orders (status, due_at);
CREATE INDEX gempay_orders_ref ON gempay_orders (ref_id);
