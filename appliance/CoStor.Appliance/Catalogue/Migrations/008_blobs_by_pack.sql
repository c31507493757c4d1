-- Catalogue schema v8: the blob index by pack (docs/replication.md, "Catalogue checkpoint"). The checkpoint writer
-- streams each sealed pack with its blobs in offset order; without this index SQLite would sort every blob of the
-- site in memory to produce that order.
CREATE INDEX blobs_by_pack ON blobs (pack_id, offset);
