-- Catalogue schema v9: the owner's retention decisions (docs/replication.md, "Deletions"): the packs this site has
-- retired and when, served signed at /peer/v1/retired and carried in the checkpoint. A row is never removed or
-- re-dated: holders may still hold the pack and drop it only on this decision, after their own grace.
CREATE TABLE retired_packs (
    name       TEXT PRIMARY KEY,
    retired_at TEXT NOT NULL
) WITHOUT ROWID;
