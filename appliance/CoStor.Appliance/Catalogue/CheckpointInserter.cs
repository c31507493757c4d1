using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Core.Blobs;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Inserts a checkpoint's rows, one at a time, into an empty, migrated catalogue, all in one transaction that
/// <see cref="Commit"/> ends (disposing without it rolls everything back). Foreign keys are checked at the commit, so
/// rows may come in any order (a streamed checkpoint lists agents before the groups they belong to). Packs are
/// inserted as sealed under their names (new row ids; their blobs follow them).
/// </summary>
public sealed class CheckpointInserter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public CheckpointInserter(CatalogueDatabase database)
    {
        _connection = database.Connect();
        _transaction = _connection.BeginTransaction(deferred: false);
        using var defer = _connection.Command("PRAGMA defer_foreign_keys = ON", _transaction);
        defer.ExecuteNonQuery();
    }

    public void Group(CheckpointGroup group) =>
        Run("INSERT INTO agent_groups (id, name, created_at) VALUES ($id, $name, $at)", ("$id", group.Id), ("$name", group.Name), ("$at", group.CreatedAt));

    public void Agent(CheckpointAgent agent)
    {
        Run("INSERT INTO agents (id, name, host, secret_hash, enrolled_at, last_seen_at, revoked_at, group_id, expected_interval_minutes) " +
            "VALUES ($id, $name, $host, $hash, $enrolled, $seen, $revoked, $group, $interval)",
            ("$id", agent.Id), ("$name", agent.Name), ("$host", agent.Host), ("$hash", agent.SecretHash), ("$enrolled", agent.EnrolledAt),
            ("$seen", agent.LastSeenAt), ("$revoked", agent.RevokedAt), ("$group", agent.GroupId), ("$interval", agent.ExpectedIntervalMinutes));
        var verified = agent.Verified.Where(b => b.Length == BlobId.Length).Select(b => BlobId.Read(b)).ToHashSet();
        using var command = _connection.Command("INSERT INTO agent_blobs (agent_id, blob_id, verified) VALUES ($agent, $id, $verified)", _transaction);
        command.Parameters.AddWithValue("$agent", agent.Id);
        var id = command.Parameters.Add("$id", SqliteType.Blob);
        var mark = command.Parameters.Add("$verified", SqliteType.Integer);
        foreach (var blob in agent.Owned)
        {
            (id.Value, mark.Value) = (blob, blob.Length == BlobId.Length && verified.Contains(BlobId.Read(blob)) ? 1 : 0);
            command.ExecuteNonQuery();
        }
    }

    public void User(CheckpointUser user)
    {
        Run("INSERT INTO users (name, role, password_hash, created_at, password_changed_at, disabled_at) VALUES ($name, $role, $hash, $created, $changed, $disabled)",
            ("$name", user.Name), ("$role", user.Role), ("$hash", user.PasswordHash), ("$created", user.CreatedAt),
            ("$changed", user.PasswordChangedAt), ("$disabled", user.DisabledAt));
        foreach (var agentId in user.AgentGrants)
            Run("INSERT INTO user_agent_grants (user_name, agent_id) VALUES ($name, $agent)", ("$name", user.Name), ("$agent", agentId));
        foreach (var groupId in user.GroupGrants)
            Run("INSERT INTO user_group_grants (user_name, group_id) VALUES ($name, $group)", ("$name", user.Name), ("$group", groupId));
    }

    public void Session(CheckpointSession session) =>
        Run("INSERT INTO sessions (id, agent_id, started_at, snapshot_id) VALUES ($id, $agent, $at, $snapshot)",
            ("$id", session.Id), ("$agent", session.AgentId), ("$at", session.StartedAt), ("$snapshot", session.SnapshotId));

    public void Snapshot(CheckpointSnapshot s) =>
        Run("INSERT INTO snapshots (id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json, files, bytes, new_bytes, unreadable) " +
            "VALUES ($id, $agent, $session, $host, $started, $finished, $status, $blob, $json, $files, $bytes, $newBytes, $unreadable)",
            ("$id", s.Id), ("$agent", s.AgentId), ("$session", s.SessionId), ("$host", s.Host), ("$started", s.StartedAt), ("$finished", s.FinishedAt),
            ("$status", s.Status), ("$blob", s.BlobId), ("$json", s.RecordJson), ("$files", s.Files), ("$bytes", s.Bytes), ("$newBytes", s.NewBytes),
            ("$unreadable", s.Unreadable));

    public void Pack(CheckpointPack pack)
    {
        long packId;
        using (var insert = _connection.Command(
                   "INSERT INTO packs (name, state, size, blob_count, created_at, sealed_at) VALUES ($name, $state, $size, $count, $created, $sealed) RETURNING id",
                   _transaction)
               .With("$name", pack.Name).With("$state", PackState.Sealed.ToColumn()).With("$size", pack.Size).With("$count", pack.BlobCount)
               .With("$created", pack.CreatedAt).With("$sealed", pack.SealedAt))
            packId = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using var blob = _connection.Command("INSERT INTO blobs (id, type, pack_id, offset, length) VALUES ($id, $type, $pack, $offset, $length)", _transaction);
        var id = blob.Parameters.Add("$id", SqliteType.Blob);
        var type = blob.Parameters.Add("$type", SqliteType.Integer);
        var offset = blob.Parameters.Add("$offset", SqliteType.Integer);
        var length = blob.Parameters.Add("$length", SqliteType.Integer);
        blob.Parameters.AddWithValue("$pack", packId);
        foreach (var entry in pack.Blobs)
        {
            (id.Value, type.Value, offset.Value, length.Value) = (entry.Id, entry.Type, entry.Offset, entry.Length);
            blob.ExecuteNonQuery();
        }
    }

    public void Retired(CheckpointRetirement retirement) => RetiredPackTable.Record(_connection, _transaction, retirement.Pack, retirement.RetiredAt);

    /// <summary>Commits every row inserted; a foreign key left dangling fails here and nothing is kept.</summary>
    public void Commit() => _transaction.Commit();

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }

    private void Run(string sql, params (string Name, object? Value)[] values)
    {
        using var command = _connection.Command(sql, _transaction);
        foreach (var (name, value) in values)
            command.With(name, value);
        command.ExecuteNonQuery();
    }
}
