-- A user's whitelist is read in insertion order on every call: an index on
-- user_id alone keeps (user_id, rowid) order, so the read needs no sort.
CREATE INDEX IF NOT EXISTS gempay_user_ips_user ON gempay_user_ips (user_id);
