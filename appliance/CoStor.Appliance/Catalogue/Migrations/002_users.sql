-- Catalogue schema v2: people who use the web UI. Passwords are stored only as PBKDF2 hashes.
CREATE TABLE users (
    name          TEXT PRIMARY KEY COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'restorer')),
    password_hash TEXT NOT NULL,           -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
);
