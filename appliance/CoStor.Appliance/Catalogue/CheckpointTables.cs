using CoStor.Appliance.Replication.Checkpoint;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The rows a catalogue checkpoint carries (docs/replication.md, "Catalogue checkpoint"): read from a live catalogue in
/// one read transaction, written into a new one by <see cref="Insert"/>. Times are copied as the text stored.
/// </summary>
public static partial class CheckpointTables
{
    /// <summary>The checkpoint's rows as one consistent snapshot of the catalogue (a deferred transaction in WAL mode).</summary>
    public static CheckpointRows Read(CatalogueDatabase database)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var owned = Ownership(connection, transaction);
        var agents = Rows(connection, transaction,
            "SELECT id, name, host, secret_hash, enrolled_at, last_seen_at, revoked_at, group_id, expected_interval_minutes FROM agents ORDER BY id",
            r =>
            {
                var id = r.GetString(0);
                var (all, verified) = owned.TryGetValue(id, out var o) ? o : ([], []);
                return new CheckpointAgent(id, r.GetString(1), r.GetString(2), (byte[])r.GetValue(3), r.GetString(4), Text(r, 5), Text(r, 6),
                    r.IsDBNull(7) ? null : r.GetInt64(7), r.GetInt64(8), all, verified);
            });
        var groups = Rows(connection, transaction, "SELECT id, name, created_at FROM agent_groups ORDER BY id",
            r => new CheckpointGroup(r.GetInt64(0), r.GetString(1), r.GetString(2)));
        var agentGrants = Rows(connection, transaction, "SELECT user_name, agent_id FROM user_agent_grants ORDER BY user_name, agent_id",
            r => (User: r.GetString(0), Agent: r.GetString(1))).ToLookup(g => g.User, g => g.Agent, StringComparer.OrdinalIgnoreCase);
        var groupGrants = Rows(connection, transaction, "SELECT user_name, group_id FROM user_group_grants ORDER BY user_name, group_id",
            r => (User: r.GetString(0), Group: r.GetInt64(1))).ToLookup(g => g.User, g => g.Group, StringComparer.OrdinalIgnoreCase);
        var users = Rows(connection, transaction,
            "SELECT name, role, password_hash, created_at, password_changed_at, disabled_at FROM users ORDER BY name",
            r => new CheckpointUser(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5),
                [.. agentGrants[r.GetString(0)]], [.. groupGrants[r.GetString(0)]]));
        var sessions = Rows(connection, transaction,
            "SELECT id, agent_id, started_at, snapshot_id FROM sessions WHERE snapshot_id IS NOT NULL ORDER BY id",
            r => new CheckpointSession(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        var snapshots = Rows(connection, transaction,
            "SELECT id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json, files, bytes, new_bytes, unreadable " +
            "FROM snapshots ORDER BY finished_at, id",
            r => new CheckpointSnapshot(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                (byte[])r.GetValue(7), r.GetString(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12)));
        return new CheckpointRows(agents, groups, users, sessions, snapshots, SealedPacks(connection, transaction));
    }

    /// <summary>Sealed packs by name, each with its blob index entries in offset order. Open packs are not replicated.</summary>
    private static List<CheckpointPack> SealedPacks(SqliteConnection connection, SqliteTransaction transaction)
    {
        var blobs = new Dictionary<long, List<CheckpointBlob>>();
        using (var command = connection.Command(
                   "SELECT b.pack_id, b.id, b.type, b.offset, b.length FROM blobs b JOIN packs p ON p.id = b.pack_id " +
                   "WHERE p.state = $sealed ORDER BY b.pack_id, b.offset", transaction).With("$sealed", PackState.Sealed.ToColumn()))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var packId = reader.GetInt64(0);
                if (!blobs.TryGetValue(packId, out var list))
                    blobs[packId] = list = [];
                list.Add(new CheckpointBlob((byte[])reader.GetValue(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt32(4)));
            }
        }
        using var packs = connection.Command("SELECT id, name, size, blob_count, created_at, sealed_at FROM packs WHERE state = $sealed ORDER BY name", transaction)
            .With("$sealed", PackState.Sealed.ToColumn());
        using var rows = packs.ExecuteReader();
        var result = new List<CheckpointPack>();
        while (rows.Read())
            result.Add(new CheckpointPack(rows.GetString(1), rows.GetInt64(2), rows.GetInt32(3), rows.GetString(4), Text(rows, 5),
                blobs.TryGetValue(rows.GetInt64(0), out var list) ? list : []));
        return result;
    }

    /// <summary>Per agent: every blob it uploaded, and those of them marked verified (trees checked complete at a commit).</summary>
    private static Dictionary<string, (List<byte[]> All, List<byte[]> Verified)> Ownership(SqliteConnection connection, SqliteTransaction transaction)
    {
        var owned = new Dictionary<string, (List<byte[]>, List<byte[]>)>(StringComparer.Ordinal);
        using var command = connection.Command("SELECT agent_id, blob_id, verified FROM agent_blobs ORDER BY agent_id, blob_id", transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var agent = reader.GetString(0);
            if (!owned.TryGetValue(agent, out var lists))
                owned[agent] = lists = ([], []);
            var blob = (byte[])reader.GetValue(1);
            lists.Item1.Add(blob);
            if (reader.GetInt64(2) != 0)
                lists.Item2.Add(blob);
        }
        return owned;
    }

    private static List<T> Rows<T>(SqliteConnection connection, SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.Command(sql, transaction);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
