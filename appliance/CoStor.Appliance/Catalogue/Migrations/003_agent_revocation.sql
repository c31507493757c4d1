-- Catalogue schema v3: an admin can revoke an agent. Its row, snapshots and blobs stay (and last_seen_at with
-- them); its credential is refused from then on.
ALTER TABLE agents ADD COLUMN revoked_at TEXT;
