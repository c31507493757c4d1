using System.Globalization;
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
    /// <summary>Where a blob is stored, whoever uploaded it (null when it is not indexed).</summary>
    public static BlobLocation? Find(SqliteConnection connection, in BlobId id)
    {
        using var command = connection.Command("SELECT type, pack_id, offset, length FROM blobs WHERE id = $id").With("$id", id.ToArray());
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new BlobLocation((BlobType)reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>A reusable <see cref="Find(SqliteConnection, in BlobId)"/> for one connection (a download looks up every chunk).</summary>
    public static SqliteCommand PrepareFind(SqliteConnection connection)
    {
        var command = connection.Command("SELECT type, pack_id, offset, length FROM blobs WHERE id = $id");
        command.Parameters.Add("$id", SqliteType.Blob);
        command.Prepare();
        return command;
    }

    /// <summary>Runs a lookup prepared by <see cref="PrepareFind"/>: where the blob is stored, or null.</summary>
    public static BlobLocation? Find(SqliteCommand prepared, in BlobId id)
    {
        prepared.Parameters["$id"].Value = id.ToArray();
        using var reader = prepared.ExecuteReader();
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

    /// <summary>A reusable check whether <paramref name="agentId"/> uploaded a blob before (use with <see cref="Exists"/>).</summary>
    public static SqliteCommand PrepareOwned(SqliteConnection connection, string agentId)
    {
        var command = connection.Command("SELECT 1 FROM agent_blobs WHERE agent_id = $agent AND blob_id = $id");
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.Add("$id", SqliteType.Blob);
        command.Prepare();
        return command;
    }

    /// <summary>Runs a check prepared by <see cref="PrepareExists"/> or <see cref="PrepareOwned"/> for one id.</summary>
    public static bool Exists(SqliteCommand prepared, in BlobId id)
    {
        prepared.Parameters["$id"].Value = id.ToArray();
        return prepared.ExecuteScalar() is not null;
    }

    /// <summary>Indexes blobs whose bytes are already durable in pack <paramref name="packId"/>. A blob
    /// indexed meanwhile by a concurrent upload keeps its first location.</summary>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, long packId, IReadOnlyList<PackIndexEntry> blobs) =>
        InsertRows(connection, transaction, "INSERT OR IGNORE INTO blobs (id, type, pack_id, offset, length) VALUES ", "($id{0}, $type{0}, $pack, $offset{0}, $length{0})",
            [("$id", SqliteType.Blob), ("$type", SqliteType.Integer), ("$offset", SqliteType.Integer), ("$length", SqliteType.Integer)], ("$pack", packId), blobs, static (blob, row) =>
            {
                row[0].Value = blob.Id.ToArray();
                row[1].Value = (int)blob.Type;
                row[2].Value = blob.Offset;
                row[3].Value = blob.Length;
            });

    /// <summary>Records that <paramref name="agentId"/> uploaded (and so may reference and read) these blobs.</summary>
    public static void Own(SqliteConnection connection, SqliteTransaction transaction, string agentId, IReadOnlyList<BlobId> ids) =>
        InsertRows(connection, transaction, "INSERT OR IGNORE INTO agent_blobs (agent_id, blob_id) VALUES ", "($agent, $id{0})",
            [("$id", SqliteType.Blob)], ("$agent", agentId), ids, static (id, row) => row[0].Value = id.ToArray());

    /// <summary>
    /// Rows per INSERT in <see cref="InsertRows{T}"/>. Small on purpose: binding a named parameter costs a linear
    /// search of the statement's names (measured in docs/decisions.md, "Storage and catalogue").
    /// </summary>
    private const int RowsPerInsert = 8;

    /// <summary>
    /// Inserts <paramref name="rows"/> <see cref="RowsPerInsert"/> per statement (<c>VALUES (…), (…), …</c>): an
    /// upload of thousands of small files indexes twice as many rows, and one command execution per row cost
    /// more than SQLite's own work. <paramref name="rowSql"/> names each row's parameters with <c>{0}</c> (the row number);
    /// <paramref name="shared"/> is one parameter every row uses.
    /// </summary>
    private static void InsertRows<T>(SqliteConnection connection, SqliteTransaction transaction, string head, string rowSql,
        (string Name, SqliteType Type)[] parameterNames, (string Name, object Value) shared, IReadOnlyList<T> rows, Action<T, SqliteParameter[]> bind)
    {
        SqliteCommand? full = null;
        SqliteParameter[][]? fullRows = null;
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerInsert)
            {
                var count = Math.Min(RowsPerInsert, rows.Count - start);
                SqliteCommand command;
                SqliteParameter[][] parameters;
                if (count == RowsPerInsert && full is not null)
                {
                    (command, parameters) = (full, fullRows!);
                }
                else
                {
                    command = connection.Command(head + string.Join(", ", Enumerable.Range(0, count).Select(r => string.Format(CultureInfo.InvariantCulture, rowSql, r))), transaction);
                    command.Parameters.AddWithValue(shared.Name, shared.Value);
                    parameters = [.. Enumerable.Range(0, count).Select(r => parameterNames.Select(p => command.Parameters.Add(p.Name + r.ToString(CultureInfo.InvariantCulture), p.Type)).ToArray())];
                    if (count == RowsPerInsert)
                        (full, fullRows) = (command, parameters);
                }
                try
                {
                    for (var r = 0; r < count; r++)
                        bind(rows[start + r], parameters[r]);
                    command.ExecuteNonQuery();
                }
                finally
                {
                    if (command != full)
                        command.Dispose();
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    /// <summary>Ids looked up per statement by <see cref="NotOwned"/> (few, for the reason given at <see cref="RowsPerInsert"/>).</summary>
    private const int OwnershipBatch = 32;

    /// <summary>
    /// The ids in <paramref name="ids"/> that <paramref name="agentId"/> never uploaded. Checks
    /// <see cref="OwnershipBatch"/> ids per statement: a commit checks every chunk of every new file, and one
    /// statement per id would cost more than the index lookups themselves.
    /// </summary>
    public static List<BlobId> NotOwned(SqliteConnection connection, string agentId, IReadOnlyCollection<BlobId> ids)
    {
        var missing = new List<BlobId>();
        if (ids.Count == 0)
            return missing;
        // Counting first: in a valid commit every id is owned, and one count per group is far cheaper than
        // reading back every row. Only a group that comes up short is read row by row to name what is missing.
        var (count, countParameters) = PrepareOwnedIn(connection, agentId, "count(*)");
        var (command, parameters) = PrepareOwnedIn(connection, agentId, "blob_id");
        using var disposeCount = count;
        using var disposeCommand = command;
        var found = new HashSet<BlobId>();
        foreach (var group in ids.Chunk(OwnershipBatch))
        {
            // A short last group repeats its first id in the unused parameters (IN ignores repeats).
            for (var i = 0; i < OwnershipBatch; i++)
                countParameters[i].Value = parameters[i].Value = group[i < group.Length ? i : 0].ToArray();
            if ((long)count.ExecuteScalar()! == group.Length)
                continue;
            found.Clear();
            using (var reader = command.ExecuteReader())
                while (reader.Read())
                    found.Add(BlobId.Read((byte[])reader.GetValue(0)));
            missing.AddRange(group.Where(id => !found.Contains(id)));
        }
        return missing;
    }

    /// <summary>A prepared <c>SELECT <paramref name="select"/></c> over the agent's rows among <see cref="OwnershipBatch"/> ids.</summary>
    private static (SqliteCommand Command, SqliteParameter[] Ids) PrepareOwnedIn(SqliteConnection connection, string agentId, string select)
    {
        var command = connection.Command(
            $"SELECT {select} FROM agent_blobs WHERE agent_id = $agent AND blob_id IN ({string.Join(", ", Enumerable.Range(0, OwnershipBatch).Select(i => $"$p{i}"))})");
        command.Parameters.AddWithValue("$agent", agentId);
        var ids = Enumerable.Range(0, OwnershipBatch).Select(i => command.Parameters.Add($"$p{i}", SqliteType.Blob)).ToArray();
        command.Prepare();
        return (command, ids);
    }

    /// <summary>
    /// One lookup for a blob's ownership (null: <paramref name="agentId"/> never uploaded it), its verified mark
    /// and its location (null when the index lost it): the commit walk asks all three for every new tree.
    /// </summary>
    public static SqliteCommand PrepareOwnedLocation(SqliteConnection connection, string agentId)
    {
        var command = connection.Command(
            "SELECT a.verified, b.type, b.pack_id, b.offset, b.length FROM agent_blobs a LEFT JOIN blobs b ON b.id = a.blob_id " +
            "WHERE a.agent_id = $agent AND a.blob_id = $id");
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.Add("$id", SqliteType.Blob);
        command.Prepare();
        return command;
    }

    public static (bool Verified, BlobLocation? Location)? OwnedLocation(SqliteCommand prepared, in BlobId id)
    {
        prepared.Parameters["$id"].Value = id.ToArray();
        using var reader = prepared.ExecuteReader();
        if (!reader.Read())
            return null;
        BlobLocation? location = reader.IsDBNull(1)
            ? null
            : new BlobLocation((BlobType)reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4));
        return (reader.GetInt64(0) != 0, location);
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
