-- Each auction's book, committed on chain when its first part settles: clearings carry the
-- auction's cut-off (unix milliseconds) and book root, and the book's leaves are kept, one row per
-- auction, to answer omission challenges. Clearings recorded before this version have no book.
ALTER TABLE clearings ADD COLUMN cutoff BIGINT NOT NULL DEFAULT 0;
ALTER TABLE clearings ADD COLUMN book_root VARCHAR(66);

CREATE TABLE IF NOT EXISTS books (
  band BIGINT NOT NULL, cell BIGINT NOT NULL, slot_start BIGINT NOT NULL, slot_end BIGINT NOT NULL,
  cutoff BIGINT NOT NULL, root VARCHAR(66) NOT NULL, price BIGINT NOT NULL, leaves BYTEA NOT NULL,
  PRIMARY KEY (band, cell, slot_start, slot_end, cutoff));
