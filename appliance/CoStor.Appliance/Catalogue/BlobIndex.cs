using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The blob → pack index and the per-agent ownership table. Methods take the caller's connection (and
/// transaction) so a whole upload batch is indexed in one commit.
/// </summary>
public static class BlobIndex
{
    public static BlobLocation? Find(SqliteConnection connection, in BlobId id)
    {
        using var command = connection.Command("SELECT type, pack_id, offset, length FROM blobs WHERE id = $id").With("$id", id.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new BlobLocation((BlobType)reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>A reusable existence check for one connection (an upload checks every frame it receives).</summary>
    public static SqliteCommand PrepareExists(SqliteConnection connection)
    {
        var command = connection.Command("SELECT 1 FROM blobs WHERE id = $id");
        command.Parameters.Add("$id", SqliteType.Blob);
        command.Prepare();
        return command;
    }

    public static bool Exists(SqliteCommand prepared, in BlobId id)
    {
        prepared.Parameters["$id"].Value = id.ToArray();
        return prepared.ExecuteScalar() is not null;
    }

    /// <summary>Indexes blobs whose bytes are already durable in pack <paramref name="packId"/>. A blob
    /// indexed meanwhile by a concurrent upload keeps its first location.</summary>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, long packId, IEnumerable<PackIndexEntry> blobs)
    {
        using var command = connection.Command(
            "INSERT OR IGNORE INTO blobs (id, type, pack_id, offset, length) VALUES ($id, $type, $pack, $offset, $length)", transaction);
        var id = command.Parameters.Add("$id", SqliteType.Blob);
        var type = command.Parameters.Add("$type", SqliteType.Integer);
        var offset = command.Parameters.Add("$offset", SqliteType.Integer);
        var length = command.Parameters.Add("$length", SqliteType.Integer);
        command.Parameters.AddWithValue("$pack", packId);
        foreach (var blob in blobs)
        {
            id.Value = blob.Id.ToArray();
            type.Value = (int)blob.Type;
            offset.Value = blob.Offset;
            length.Value = blob.Length;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Records that <paramref name="agentId"/> uploaded (and so may reference and read) these blobs.</summary>
    public static void Own(SqliteConnection connection, SqliteTransaction transaction, string agentId, IEnumerable<BlobId> ids) =>
        ForEachBlob(connection, transaction, "INSERT OR IGNORE INTO agent_blobs (agent_id, blob_id) VALUES ($agent, $id)", agentId, ids);

    /// <summary>null when the agent never uploaded the blob; otherwise whether it is a verified tree.</summary>
    public static bool? Ownership(SqliteCommand prepared, in BlobId id)
    {
        prepared.Parameters["$id"].Value = id.ToArray();
        var value = prepared.ExecuteScalar();
        return value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public static SqliteCommand PrepareOwnership(SqliteConnection connection, string agentId)
    {
        var command = connection.Command("SELECT verified FROM agent_blobs WHERE agent_id = $agent AND blob_id = $id");
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.Add("$id", SqliteType.Blob);
        return command;
    }

    public static void MarkVerified(SqliteConnection connection, SqliteTransaction transaction, string agentId, IEnumerable<BlobId> trees) =>
        ForEachBlob(connection, transaction, "UPDATE agent_blobs SET verified = 1 WHERE agent_id = $agent AND blob_id = $id", agentId, trees);

    /// <summary>Runs one prepared statement per blob id, with <c>$agent</c> and <c>$id</c> bound.</summary>
    private static void ForEachBlob(SqliteConnection connection, SqliteTransaction transaction, string sql, string agentId, IEnumerable<BlobId> ids)
    {
        using var command = connection.Command(sql, transaction);
        command.Parameters.AddWithValue("$agent", agentId);
        var id = command.Parameters.Add("$id", SqliteType.Blob);
        foreach (var blobId in ids)
        {
            id.Value = blobId.ToArray();
            command.ExecuteNonQuery();
        }
    }
}
