-- Catalogue schema v7: what the replication status page reads (docs/replication.md, "Status").

-- When each configured peer was first seen in the configuration (written at start, forgotten when the peer is
-- removed): a peer never reached counts as a problem only once it has been configured for a day.
CREATE TABLE peer_configured (
    site  TEXT PRIMARY KEY,
    since TEXT NOT NULL
) WITHOUT ROWID;

-- Bytes received from a peer in the last hour (the catch-up estimate) without reading all its rows.
CREATE INDEX peer_packs_received ON peer_packs (site, received_at);

-- Each peer's latest proof failure without reading all its proofs.
CREATE INDEX replica_proofs_failed ON replica_proofs (peer, failed_at) WHERE failed_at IS NOT NULL;
