-- Catalogue schema v6: replication (docs/replication.md). Times are ISO-8601 UTC text, as everywhere.

-- On a holder: the packs of each peer site this box holds. 'retired' means the owner's signed decision was seen and
-- verified; retired_at is when the grace runs from (the later of the owner's time and this box's first sight), so
-- the file is deleted, and the row with it, once this box's clock passes retired_at + grace.
CREATE TABLE peer_packs (
    site        TEXT NOT NULL,
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('held', 'retired')),
    received_at TEXT NOT NULL,
    retired_at  TEXT,
    PRIMARY KEY (site, name)
) WITHOUT ROWID;
CREATE INDEX peer_packs_retired ON peer_packs (retired_at) WHERE state = 'retired';

-- One row per peer: how pulling from it goes (the dashboard's replication panel).
CREATE TABLE peer_status (
    site            TEXT PRIMARY KEY,
    last_success_at TEXT,
    last_error_at   TEXT,
    last_error      TEXT,
    bytes_received  INTEGER NOT NULL DEFAULT 0,   -- since this row was created
    bytes_behind    INTEGER NOT NULL DEFAULT 0,   -- assigned to this box but not yet held
    packs_behind    INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL
);

-- On the owner: the last proof of holding per (pack, peer). A copy counts while proven_at is set and failed_at is
-- not: a success clears failed_at; a failure keeps the last proven_at for the record but stops the copy counting.
CREATE TABLE replica_proofs (
    pack_name TEXT NOT NULL,
    peer      TEXT NOT NULL,
    proven_at TEXT,
    failed_at TEXT,
    failure   TEXT,
    PRIMARY KEY (pack_name, peer)
) WITHOUT ROWID;
CREATE INDEX replica_proofs_counted ON replica_proofs (peer) WHERE proven_at IS NOT NULL AND failed_at IS NULL;
CREATE INDEX packs_sealed ON packs (sealed_at) WHERE state = 'sealed';
