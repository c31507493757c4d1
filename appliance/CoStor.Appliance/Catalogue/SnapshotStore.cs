using System.Text.Json;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Committed snapshots. Rows are only ever inserted by a commit; agents cannot change them. The root tree key in a
/// row's record is kept sealed (<see cref="CatalogueSecrets"/>) and opened as records are read.
/// </summary>
public sealed class SnapshotStore(CatalogueDatabase database, CatalogueSecrets secrets)
{
    public void Insert(SqliteConnection connection, SqliteTransaction transaction, SnapshotRecord record, string sessionId, in BlobId blobId)
    {
        using (var insert = connection.Command(
                   """
                   INSERT INTO snapshots (id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json, files, bytes, new_bytes, unreadable)
                   VALUES ($id, $agent, $session, $host, $started, $finished, $status, $blob, $json, $files, $bytes, $newBytes, $unreadable)
                   """, transaction)
                   .With("$files", record.Stats.Files).With("$bytes", record.Stats.Bytes).With("$newBytes", record.Stats.NewBytes)
                   .With("$unreadable", record.Stats.UnreadableCount)
                   .With("$id", record.Id).With("$agent", record.AgentId).With("$session", sessionId).With("$host", record.Host)
                   .With("$started", SqliteExtensions.Time(record.StartedAt)).With("$finished", SqliteExtensions.Time(record.FinishedAt))
                   .With("$status", record.Status).With("$blob", blobId.ToArray())
                   .With("$json", Stored(record)))
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
        return ReadAll(command);
    }

    /// <summary>The newest <paramref name="count"/> snapshots of one agent, oldest of them first.</summary>
    public IReadOnlyList<SnapshotRecord> Newest(string agentId, int count)
    {
        using var connection = database.Connect();
        using var command = connection.Command(
                "SELECT record_json FROM (SELECT record_json, finished_at, id FROM snapshots WHERE agent_id = $agent " +
                "ORDER BY finished_at DESC, id DESC LIMIT $count) ORDER BY finished_at, id")
            .With("$agent", agentId).With("$count", count);
        return ReadAll(command);
    }

    /// <summary>
    /// One agent's snapshots, oldest first, at most <paramref name="limit"/> of them, starting after the snapshot
    /// <paramref name="after"/> (null: from the first). A page shorter than the limit is the last.
    /// </summary>
    public IReadOnlyList<SnapshotRecord> Page(string agentId, string? after, int limit)
    {
        using var connection = database.Connect();
        using var command = connection.Command(
            after is null
                ? "SELECT record_json FROM snapshots WHERE agent_id = $agent ORDER BY finished_at, id LIMIT $limit"
                : "SELECT s.record_json FROM snapshots s, snapshots a WHERE a.id = $after AND a.agent_id = $agent AND s.agent_id = $agent " +
                  "AND (s.finished_at > a.finished_at OR (s.finished_at = a.finished_at AND s.id > a.id)) ORDER BY s.finished_at, s.id LIMIT $limit")
            .With("$agent", agentId).With("$limit", limit).With("$after", after);
        return ReadAll(command);
    }

    private List<SnapshotRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var records = new List<SnapshotRecord>();
        while (reader.Read())
            records.Add(Opened(reader.GetString(0)));
        return records;
    }

    public SnapshotRecord? Find(string snapshotId)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT record_json FROM snapshots WHERE id = $id").With("$id", snapshotId);
        return command.ExecuteScalar() is string json ? Opened(json) : null;
    }

    /// <summary>Seals the root keys of rows written before keys were sealed (once, at start); returns how many.</summary>
    public int SealPlainRootKeys()
    {
        using var connection = database.Connect();
        var plain = new List<(string Id, SnapshotRecord Record)>();
        using (var select = connection.Command("SELECT id, record_json FROM snapshots WHERE instr(record_json, '\"key\":\"sealed:') = 0"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var record = JsonSerializer.Deserialize(reader.GetString(1), ProtocolJsonContext.Default.SnapshotRecord)!;
                if (!CatalogueSecrets.IsSealed(record.Root.Key))
                    plain.Add((reader.GetString(0), record));
            }
        }
        using var transaction = connection.BeginTransaction();
        foreach (var (id, record) in plain)
        {
            using var update = connection.Command("UPDATE snapshots SET record_json = $json WHERE id = $id", transaction).With("$json", Stored(record)).With("$id", id);
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return plain.Count;
    }

    private string Stored(SnapshotRecord record) => JsonSerializer.Serialize(
        record with { Root = record.Root with { Key = secrets.Seal(record.Root.Key, record.Id) } }, ProtocolJsonContext.Default.SnapshotRecord);

    private SnapshotRecord Opened(string json)
    {
        var record = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.SnapshotRecord)!;
        return CatalogueSecrets.IsSealed(record.Root.Key)
            ? record with { Root = record.Root with { Key = secrets.Open(record.Root.Key, record.Id) } }
            : record;
    }
}
