-- Catalogue schema v4: what the admin web UI needs. Applied in one transaction with the C# step that chains the
-- audit rows written before it (CatalogueDatabase: AuditChain.ChainUnchained), so every row has a hash afterwards.

-- Tamper-evident audit log (docs/design.md, "Audit log"): hash = SHA-256(previous hash || canonical entry).
ALTER TABLE audit_log ADD COLUMN address TEXT;                        -- the client's IP address, when a person acted over HTTP
ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT 'ok';  -- ok | failed | refused
ALTER TABLE audit_log ADD COLUMN hash    BLOB;                        -- 32 bytes; NULL only if a row was inserted around AuditLog
CREATE INDEX audit_by_actor  ON audit_log(actor, id);
CREATE INDEX audit_by_action ON audit_log(action, id);
CREATE INDEX audit_by_time   ON audit_log(at);
-- The chain's head, written in the same transaction as every append: a deletion of the newest rows leaves it
-- pointing past the end. One row (id = 1).
CREATE TABLE audit_anchor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_id       INTEGER NOT NULL,
    entry_count   INTEGER NOT NULL,
    hash          BLOB NOT NULL
);

-- Users: when the password last changed (sessions issued before it are stale), and what a restorer may see.
ALTER TABLE users ADD COLUMN password_changed_at TEXT;
UPDATE users SET password_changed_at = created_at;

-- Agent groups ("Room 12", "Staff laptops"): an agent is in at most one group.
CREATE TABLE agent_groups (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at    TEXT NOT NULL
);
ALTER TABLE agents ADD COLUMN group_id INTEGER REFERENCES agent_groups(id);
ALTER TABLE agents ADD COLUMN expected_interval_minutes INTEGER NOT NULL DEFAULT 1440 CHECK (expected_interval_minutes > 0);
CREATE INDEX agents_by_group ON agents(group_id);

-- A restorer sees the agents granted to it directly and those in groups granted to it.
CREATE TABLE user_agent_grants (
    user_name     TEXT NOT NULL COLLATE NOCASE REFERENCES users(name),
    agent_id      TEXT NOT NULL REFERENCES agents(id),
    PRIMARY KEY (user_name, agent_id)
) WITHOUT ROWID;
CREATE TABLE user_group_grants (
    user_name     TEXT NOT NULL COLLATE NOCASE REFERENCES users(name),
    group_id      INTEGER NOT NULL REFERENCES agent_groups(id),
    PRIMARY KEY (user_name, group_id)
) WITHOUT ROWID;

-- Snapshot figures the dashboard reads without opening each record's JSON (which stays the source of truth).
ALTER TABLE snapshots ADD COLUMN files        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN bytes        INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN new_bytes    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE snapshots ADD COLUMN unreadable   INTEGER NOT NULL DEFAULT 0;
UPDATE snapshots SET
    files      = coalesce(json_extract(record_json, '$.stats.files'), 0),
    bytes      = coalesce(json_extract(record_json, '$.stats.bytes'), 0),
    new_bytes  = coalesce(json_extract(record_json, '$.stats.newBytes'), 0),
    unreadable = coalesce(json_extract(record_json, '$.stats.unreadableCount'), 0);
-- Covers "latest snapshots of an agent" and "an agent's days" without touching the table; replaces the v1 index.
DROP INDEX snapshots_by_agent;
CREATE INDEX snapshots_by_agent ON snapshots(agent_id, finished_at, id, status, bytes, new_bytes);
CREATE INDEX snapshots_by_time ON snapshots(finished_at, agent_id, status, new_bytes);
CREATE INDEX packs_by_time ON packs(created_at, size);
