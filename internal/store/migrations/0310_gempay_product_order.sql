-- The product list is read in fixture order on every call: an index in that
-- order spares SQLite a sort (and its sorter buffer) per request.
CREATE INDEX IF NOT EXISTS gempay_products_position ON gempay_products (position, kode);
