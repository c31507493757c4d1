using CoStor.Appliance.Replication.Checkpoint;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The rows a catalogue checkpoint carries (docs/replication.md, "Catalogue checkpoint"): read from a live catalogue in
/// one read transaction, written into a new one by <see cref="Insert"/>. Times are copied as the text stored.
/// </summary>
public static partial class CheckpointTables
{
    private const string AgentsSql =
        "SELECT id, name, host, secret_hash, enrolled_at, last_seen_at, revoked_at, group_id, expected_interval_minutes FROM agents ORDER BY id";
    private const string GroupsSql = "SELECT id, name, created_at FROM agent_groups ORDER BY id";
    private const string AgentGrantsSql = "SELECT user_name, agent_id FROM user_agent_grants ORDER BY user_name, agent_id";
    private const string GroupGrantsSql = "SELECT user_name, group_id FROM user_group_grants ORDER BY user_name, group_id";
    private const string UsersSql = "SELECT name, role, password_hash, created_at, password_changed_at, disabled_at FROM users ORDER BY name";
    private const string SessionsSql = "SELECT id, agent_id, started_at, snapshot_id FROM sessions WHERE snapshot_id IS NOT NULL ORDER BY id";
    private const string SnapshotsSql =
        "SELECT id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json, files, bytes, new_bytes, unreadable " +
        "FROM snapshots ORDER BY finished_at, id";

    /// <summary>
    /// The checkpoint's rows as objects, from one consistent snapshot of the catalogue (a deferred transaction in WAL
    /// mode). It holds every blob of the site in memory: the appliance writes checkpoints with
    /// <see cref="WriteJson"/>, which streams the same rows; this form is what tests compare catalogues by.
    /// </summary>
    public static CheckpointRows Read(CatalogueDatabase database)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var owned = Ownership(connection, transaction);
        var agents = Rows(connection, transaction, AgentsSql, r =>
        {
            var (all, verified) = owned.TryGetValue(r.GetString(0), out var o) ? o : ([], []);
            return Agent(r, all, verified);
        });
        var groups = Rows(connection, transaction, GroupsSql, Group);
        var grants = Grants(connection, transaction);
        var users = Rows(connection, transaction, UsersSql, r => User(r, grants));
        var sessions = Rows(connection, transaction, SessionsSql, Session);
        var snapshots = Rows(connection, transaction, SnapshotsSql, Snapshot);
        return new CheckpointRows(agents, groups, users, sessions, snapshots, [.. SealedPacks(connection, transaction)], Retirements(connection, transaction));
    }

    private static CheckpointAgent Agent(SqliteDataReader r, IReadOnlyList<byte[]> owned, IReadOnlyList<byte[]> verified) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), (byte[])r.GetValue(3), r.GetString(4), Text(r, 5), Text(r, 6),
            r.IsDBNull(7) ? null : r.GetInt64(7), r.GetInt64(8), owned, verified);

    private static CheckpointGroup Group(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2));

    private static (ILookup<string, string> Agents, ILookup<string, long> Groups) Grants(SqliteConnection connection, SqliteTransaction transaction) =>
        (Rows(connection, transaction, AgentGrantsSql, r => (User: r.GetString(0), Agent: r.GetString(1))).ToLookup(g => g.User, g => g.Agent, StringComparer.OrdinalIgnoreCase),
         Rows(connection, transaction, GroupGrantsSql, r => (User: r.GetString(0), Group: r.GetInt64(1))).ToLookup(g => g.User, g => g.Group, StringComparer.OrdinalIgnoreCase));

    private static CheckpointUser User(SqliteDataReader r, (ILookup<string, string> Agents, ILookup<string, long> Groups) grants) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), [.. grants.Agents[r.GetString(0)]], [.. grants.Groups[r.GetString(0)]]);

    private static CheckpointSession Session(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3));

    private static CheckpointSnapshot Snapshot(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
            (byte[])r.GetValue(7), r.GetString(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12));

    /// <summary>
    /// Sealed packs by name, each with its blob index entries in offset order, one at a time (the packs' name index
    /// and <c>blobs_by_pack</c> give that order without sorting). Open packs are not replicated.
    /// </summary>
    private static IEnumerable<CheckpointPack> SealedPacks(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command("""
            SELECT p.name, p.size, p.blob_count, p.created_at, p.sealed_at, b.id, b.type, b.offset, b.length
            FROM packs p LEFT JOIN blobs b ON b.pack_id = p.id
            WHERE p.state = $sealed ORDER BY p.name, b.offset
            """, transaction).With("$sealed", PackState.Sealed.ToColumn());
        using var reader = command.ExecuteReader();
        CheckpointPack? pack = null;
        List<CheckpointBlob> blobs = [];
        while (reader.Read())
        {
            var name = reader.GetString(0);
            if (pack?.Name != name)
            {
                if (pack is not null)
                    yield return pack;
                blobs = [];
                pack = new CheckpointPack(name, reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), Text(reader, 4), blobs);
            }
            if (!reader.IsDBNull(5))
                blobs.Add(new CheckpointBlob((byte[])reader.GetValue(5), reader.GetInt32(6), reader.GetInt64(7), reader.GetInt32(8)));
        }
        if (pack is not null)
            yield return pack;
    }

    private static List<CheckpointRetirement> Retirements(SqliteConnection connection, SqliteTransaction transaction) =>
        [.. RetiredPackTable.All(connection, transaction).Select(d => new CheckpointRetirement(d.Pack, d.RetiredAt))];

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
