-- SQLite: the broker store's first schema, as the broker created it before migrations.
-- A store file or database made by that broker already holds exactly this, and is baselined at
-- version 1 instead of running it.
CREATE TABLE IF NOT EXISTS orders (
  order_hash VARCHAR(66) PRIMARY KEY, maker VARCHAR(42) NOT NULL, nonce BIGINT NOT NULL,
  side SMALLINT NOT NULL, band BIGINT NOT NULL, cell BIGINT NOT NULL,
  slot_start BIGINT NOT NULL, slot_end BIGINT NOT NULL, quantity BIGINT NOT NULL,
  limit_price BIGINT NOT NULL, valid_until BIGINT NOT NULL, partial_fill BOOLEAN NOT NULL,
  signature VARCHAR(132) NOT NULL, seq BIGINT NOT NULL, received_at BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL, matched BIGINT NOT NULL, settled BIGINT NOT NULL,
  reason VARCHAR(400), CONSTRAINT orders_maker_nonce UNIQUE (maker, nonce));

CREATE TABLE IF NOT EXISTS clearings (
  id INTEGER PRIMARY KEY AUTOINCREMENT, band BIGINT NOT NULL,
  cell BIGINT NOT NULL, slot_start BIGINT NOT NULL, slot_end BIGINT NOT NULL,
  price BIGINT NOT NULL, epoch BIGINT NOT NULL, status VARCHAR(16) NOT NULL,
  batch_id BIGINT NOT NULL, created_at BIGINT NOT NULL);

CREATE TABLE IF NOT EXISTS fills (
  id INTEGER PRIMARY KEY AUTOINCREMENT, clearing_id BIGINT NOT NULL,
  order_hash VARCHAR(66) NOT NULL, maker VARCHAR(42) NOT NULL, side SMALLINT NOT NULL,
  quantity BIGINT NOT NULL, price BIGINT NOT NULL, receipt VARCHAR(2000));

CREATE TABLE IF NOT EXISTS batches (
  batch_id BIGINT PRIMARY KEY, status VARCHAR(16) NOT NULL, tx_hash VARCHAR(66),
  block BIGINT NOT NULL, gas_used BIGINT NOT NULL, fills INT NOT NULL,
  created_at BIGINT NOT NULL, settled_at BIGINT NOT NULL, error VARCHAR(400));

CREATE TABLE IF NOT EXISTS meta (k VARCHAR(64) PRIMARY KEY, v VARCHAR(400) NOT NULL);

CREATE INDEX IF NOT EXISTS orders_status ON orders (status);
CREATE INDEX IF NOT EXISTS orders_maker ON orders (maker);
CREATE INDEX IF NOT EXISTS fills_clearing ON fills (clearing_id);
CREATE INDEX IF NOT EXISTS fills_order ON fills (order_hash);
CREATE INDEX IF NOT EXISTS clearings_status ON clearings (status);
CREATE INDEX IF NOT EXISTS clearings_batch ON clearings (batch_id);
