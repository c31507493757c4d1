-- Catalogue schema v5: the web UI's sign-in state. A session cookie holds 32 random bytes; only their SHA-256 is
-- stored, so a copy of the catalogue signs nobody in. Failed sign-ins are counted per account and per address.
CREATE TABLE web_sessions (
    id_hash      BLOB PRIMARY KEY,
    user_name    TEXT NOT NULL COLLATE NOCASE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    address      TEXT,
    revoked_at   TEXT
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_name);

CREATE TABLE login_failures (
    subject         TEXT PRIMARY KEY,       -- 'user:<name, lower case>' or 'address:<ip>'
    failures        INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until    TEXT
);

-- The one-time code in the first-run setup link; valid only while no enabled admin exists.
CREATE TABLE setup_codes (
    code_hash  BLOB PRIMARY KEY,
    created_at TEXT NOT NULL
);
