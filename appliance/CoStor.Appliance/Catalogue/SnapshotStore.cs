using System.Text.Json;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>Committed snapshots. Rows are only ever inserted by a commit; agents cannot change them.</summary>
public sealed class SnapshotStore(CatalogueDatabase database)
{
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, SnapshotRecord record, string sessionId, in BlobId blobId)
    {
        using (var insert = connection.Command(
                   """
                   INSERT INTO snapshots (id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json)
                   VALUES ($id, $agent, $session, $host, $started, $finished, $status, $blob, $json)
                   """, transaction)
                   .With("$id", record.Id).With("$agent", record.AgentId).With("$session", sessionId).With("$host", record.Host)
                   .With("$started", SqliteExtensions.Time(record.StartedAt)).With("$finished", SqliteExtensions.Time(record.FinishedAt))
                   .With("$status", record.Status).With("$blob", blobId.ToArray())
                   .With("$json", JsonSerializer.Serialize(record, ProtocolJsonContext.Default.SnapshotRecord)))
            insert.ExecuteNonQuery();
        using var session = connection.Command("UPDATE sessions SET snapshot_id = $snapshot WHERE id = $id", transaction)
            .With("$snapshot", record.Id).With("$id", sessionId);
        session.ExecuteNonQuery();
    }

    /// <summary>Snapshots of one agent (or of all agents when null), oldest first.</summary>
    public IReadOnlyList<SnapshotRecord> List(string? agentId)
    {
        using var connection = database.Connect();
        using var command = agentId is null
            ? connection.Command("SELECT record_json FROM snapshots ORDER BY finished_at, id")
            : connection.Command("SELECT record_json FROM snapshots WHERE agent_id = $agent ORDER BY finished_at, id").With("$agent", agentId);
        using var reader = command.ExecuteReader();
        var records = new List<SnapshotRecord>();
        while (reader.Read())
            records.Add(JsonSerializer.Deserialize(reader.GetString(0), ProtocolJsonContext.Default.SnapshotRecord)!);
        return records;
    }

    public SnapshotRecord? Find(string snapshotId)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT record_json FROM snapshots WHERE id = $id").With("$id", snapshotId);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.SnapshotRecord) : null;
    }
}
