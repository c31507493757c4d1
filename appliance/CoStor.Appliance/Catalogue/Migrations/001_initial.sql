-- Catalogue schema v1. The catalogue is an index: packs plus the wrapped keyring can rebuild it.
CREATE TABLE agents (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    host          TEXT NOT NULL,
    secret_hash   BLOB NOT NULL,           -- SHA-256 of the agent credential
    enrolled_at   TEXT NOT NULL,
    last_seen_at  TEXT
);

CREATE TABLE enrol_tokens (
    token_hash    BLOB PRIMARY KEY,        -- SHA-256 of the token; the token itself is never stored
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT,
    used_by       TEXT REFERENCES agents(id)
);

CREATE TABLE packs (
    id            INTEGER PRIMARY KEY,
    name          TEXT UNIQUE,             -- SHA-256 of the sealed pack's index (docs/design.md), NULL while open
    state         TEXT NOT NULL CHECK (state IN ('open', 'sealing', 'sealed')),
    size          INTEGER NOT NULL DEFAULT 0,
    blob_count    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    sealed_at     TEXT
);

-- Where each blob lives. A blob is indexed only after the pack bytes holding it were fsynced.
CREATE TABLE blobs (
    id            BLOB PRIMARY KEY,
    type          INTEGER NOT NULL,
    pack_id       INTEGER NOT NULL REFERENCES packs(id),
    offset        INTEGER NOT NULL,
    length        INTEGER NOT NULL
) WITHOUT ROWID;

-- Which agent uploaded which blob: an agent may reference and read only blobs it uploaded itself, so
-- there is no cross-agent "do you hold blob X?" oracle. verified = 1 marks trees whose subtrees were
-- checked complete at a commit, so later commits need not walk them again.
CREATE TABLE agent_blobs (
    agent_id      TEXT NOT NULL REFERENCES agents(id),
    blob_id       BLOB NOT NULL,
    verified      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agent_id, blob_id)
) WITHOUT ROWID;

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    agent_id      TEXT NOT NULL REFERENCES agents(id),
    started_at    TEXT NOT NULL,
    snapshot_id   TEXT
);

CREATE TABLE snapshots (
    id            TEXT PRIMARY KEY,
    agent_id      TEXT NOT NULL REFERENCES agents(id),
    session_id    TEXT NOT NULL UNIQUE REFERENCES sessions(id),
    host          TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT NOT NULL,
    status        TEXT NOT NULL,
    blob_id       BLOB NOT NULL,           -- the sealed snapshot record
    record_json   TEXT NOT NULL
);
CREATE INDEX snapshots_by_agent ON snapshots(agent_id, finished_at);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,           -- 'cli', 'agent:<id>', 'user:<name>'
    action        TEXT NOT NULL,
    target        TEXT,
    detail        TEXT
);
