using System.Security.Cryptography;
using CoStor.Appliance.Replication.Checkpoint;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

public static partial class CheckpointTables
{
    /// <summary>
    /// Inserts a checkpoint's rows into an empty, migrated catalogue in one transaction, parents before children so every
    /// foreign key holds. Packs are inserted as sealed under their names (new row ids; their blobs follow them).
    /// </summary>
    public static void Insert(CatalogueDatabase database, CheckpointContent content)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var group in content.Groups)
            Run(connection, transaction, "INSERT INTO agent_groups (id, name, created_at) VALUES ($id, $name, $at)",
                ("$id", group.Id), ("$name", group.Name), ("$at", group.CreatedAt));
        foreach (var agent in content.Agents)
        {
            Run(connection, transaction,
                "INSERT INTO agents (id, name, host, secret_hash, enrolled_at, last_seen_at, revoked_at, group_id, expected_interval_minutes) " +
                "VALUES ($id, $name, $host, $hash, $enrolled, $seen, $revoked, $group, $interval)",
                ("$id", agent.Id), ("$name", agent.Name), ("$host", agent.Host), ("$hash", agent.SecretHash), ("$enrolled", agent.EnrolledAt),
                ("$seen", agent.LastSeenAt), ("$revoked", agent.RevokedAt), ("$group", agent.GroupId), ("$interval", agent.ExpectedIntervalMinutes));
            InsertOwnership(connection, transaction, agent);
        }
        foreach (var user in content.Users)
        {
            Run(connection, transaction,
                "INSERT INTO users (name, role, password_hash, created_at, password_changed_at, disabled_at) VALUES ($name, $role, $hash, $created, $changed, $disabled)",
                ("$name", user.Name), ("$role", user.Role), ("$hash", user.PasswordHash), ("$created", user.CreatedAt),
                ("$changed", user.PasswordChangedAt), ("$disabled", user.DisabledAt));
            foreach (var agentId in user.AgentGrants)
                Run(connection, transaction, "INSERT INTO user_agent_grants (user_name, agent_id) VALUES ($name, $agent)", ("$name", user.Name), ("$agent", agentId));
            foreach (var groupId in user.GroupGrants)
                Run(connection, transaction, "INSERT INTO user_group_grants (user_name, group_id) VALUES ($name, $group)", ("$name", user.Name), ("$group", groupId));
        }
        foreach (var session in content.Sessions)
            Run(connection, transaction, "INSERT INTO sessions (id, agent_id, started_at, snapshot_id) VALUES ($id, $agent, $at, $snapshot)",
                ("$id", session.Id), ("$agent", session.AgentId), ("$at", session.StartedAt), ("$snapshot", session.SnapshotId));
        foreach (var s in content.Snapshots)
            Run(connection, transaction,
                "INSERT INTO snapshots (id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json, files, bytes, new_bytes, unreadable) " +
                "VALUES ($id, $agent, $session, $host, $started, $finished, $status, $blob, $json, $files, $bytes, $newBytes, $unreadable)",
                ("$id", s.Id), ("$agent", s.AgentId), ("$session", s.SessionId), ("$host", s.Host), ("$started", s.StartedAt), ("$finished", s.FinishedAt),
                ("$status", s.Status), ("$blob", s.BlobId), ("$json", s.RecordJson), ("$files", s.Files), ("$bytes", s.Bytes), ("$newBytes", s.NewBytes),
                ("$unreadable", s.Unreadable));
        foreach (var pack in content.Packs)
            InsertPack(connection, transaction, pack);
        foreach (var retirement in content.Retired)
            RetiredPackTable.Record(connection, transaction, retirement.Pack, retirement.RetiredAt);
        transaction.Commit();
    }

    private static void InsertPack(SqliteConnection connection, SqliteTransaction transaction, CheckpointPack pack)
    {
        long packId;
        using (var insert = connection.Command(
                   "INSERT INTO packs (name, state, size, blob_count, created_at, sealed_at) VALUES ($name, $state, $size, $count, $created, $sealed) RETURNING id",
                   transaction)
               .With("$name", pack.Name).With("$state", PackState.Sealed.ToColumn()).With("$size", pack.Size).With("$count", pack.BlobCount)
               .With("$created", pack.CreatedAt).With("$sealed", pack.SealedAt))
            packId = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using var blob = connection.Command("INSERT INTO blobs (id, type, pack_id, offset, length) VALUES ($id, $type, $pack, $offset, $length)", transaction);
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

    private static void InsertOwnership(SqliteConnection connection, SqliteTransaction transaction, CheckpointAgent agent)
    {
        var verified = agent.Verified.Select(Convert.ToHexString).ToHashSet(StringComparer.Ordinal);
        using var command = connection.Command("INSERT INTO agent_blobs (agent_id, blob_id, verified) VALUES ($agent, $id, $verified)", transaction);
        command.Parameters.AddWithValue("$agent", agent.Id);
        var id = command.Parameters.Add("$id", SqliteType.Blob);
        var mark = command.Parameters.Add("$verified", SqliteType.Integer);
        foreach (var blob in agent.Owned)
        {
            (id.Value, mark.Value) = (blob, verified.Contains(Convert.ToHexString(blob)) ? 1 : 0);
            command.ExecuteNonQuery();
        }
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] values)
    {
        using var command = connection.Command(sql, transaction);
        foreach (var (name, value) in values)
            command.With(name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A cheap fingerprint of what a checkpoint holds, to skip writing one when nothing changed: counts and highest row ids
    /// of snapshots and sealed packs (rows are only added), the number of retention decisions, and the small tables (agents but their last contact, groups,
    /// users, grants) in full. An agent's last contact alone does not make a new checkpoint.
    /// </summary>
    public static byte[] ChangeStamp(CatalogueDatabase database)
    {
        using var connection = database.Connect();
        using var command = connection.Command(
            "SELECT (SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM snapshots) || '|' || " +
            "(SELECT count(*) || ':' || coalesce(max(id), 0) FROM packs WHERE state = $sealed) || '|' || " +
            "(SELECT coalesce(group_concat(id || ',' || name || ',' || host || ',' || coalesce(revoked_at, '') || ',' || coalesce(group_id, '') || ',' || expected_interval_minutes, ';'), '') FROM agents) || '|' || " +
            "(SELECT coalesce(group_concat(id || ',' || name, ';'), '') FROM agent_groups) || '|' || " +
            "(SELECT coalesce(group_concat(name || ',' || role || ',' || password_hash || ',' || coalesce(disabled_at, ''), ';'), '') FROM users) || '|' || " +
            "(SELECT coalesce(group_concat(user_name || ',' || agent_id, ';'), '') FROM user_agent_grants) || '|' || " +
            "(SELECT coalesce(group_concat(user_name || ',' || group_id, ';'), '') FROM user_group_grants) || '|' || " +
            "(SELECT count(*) FROM retired_packs)")
            .With("$sealed", PackState.Sealed.ToColumn());
        return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((string)command.ExecuteScalar()!));
    }
}
