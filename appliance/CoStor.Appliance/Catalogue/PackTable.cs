using CoStor.Core.Packs;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>Pack rows: an open pack gets its row before its file exists; sealing names it.</summary>
public static class PackTable
{
    public static long CreateOpen(SqliteConnection connection, DateTimeOffset now)
    {
        using var command = connection.Command("INSERT INTO packs (state, created_at) VALUES ($state, $at) RETURNING id").With("$state", PackState.Open.ToColumn())
            .With("$at", SqliteExtensions.Time(now));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void UpdateOpenSize(SqliteConnection connection, SqliteTransaction transaction, long packId, long size, int blobCount)
    {
        using var command = connection.Command("UPDATE packs SET size = $size, blob_count = $count WHERE id = $id", transaction)
            .With("$size", size).With("$count", blobCount).With("$id", packId);
        command.ExecuteNonQuery();
    }

    public static void MarkSealing(SqliteConnection connection, long packId, string name, long size, int blobCount)
    {
        using var command = connection.Command("UPDATE packs SET state = $state, name = $name, size = $size, blob_count = $count WHERE id = $id").With("$state", PackState.Sealing.ToColumn())
            .With("$name", name).With("$size", size).With("$count", blobCount).With("$id", packId);
        command.ExecuteNonQuery();
    }

    public static void MarkSealed(SqliteConnection connection, long packId, DateTimeOffset now)
    {
        using var command = connection.Command("UPDATE packs SET state = $state, sealed_at = $at WHERE id = $id").With("$state", PackState.Sealed.ToColumn())
            .With("$at", SqliteExtensions.Time(now)).With("$id", packId);
        command.ExecuteNonQuery();
    }

    public static void Delete(SqliteConnection connection, long packId)
    {
        using var command = connection.Command("DELETE FROM packs WHERE id = $id AND NOT EXISTS (SELECT 1 FROM blobs WHERE pack_id = $id)").With("$id", packId);
        command.ExecuteNonQuery();
    }

    public static IReadOnlyList<PackRow> NotSealed(SqliteConnection connection)
    {
        using var command = connection.Command("SELECT id, state, name, size FROM packs WHERE state <> $sealed ORDER BY id").With("$sealed", PackState.Sealed.ToColumn());
        using var reader = command.ExecuteReader();
        var rows = new List<PackRow>();
        while (reader.Read())
            rows.Add(new PackRow(reader.GetInt64(0), PackStates.FromColumn(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)));
        return rows;
    }

    public static PackRow? Find(SqliteConnection connection, long packId)
    {
        using var command = connection.Command("SELECT id, state, name, size FROM packs WHERE id = $id").With("$id", packId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new PackRow(reader.GetInt64(0), PackStates.FromColumn(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3)) : null;
    }

    /// <summary>Every sealed pack (retired or not), by name.</summary>
    public static IReadOnlyList<(string Name, long Size)> AllSealed(SqliteConnection connection)
    {
        using var command = connection.Command("SELECT name, size FROM packs WHERE state = $sealed ORDER BY name").With("$sealed", PackState.Sealed.ToColumn());
        using var reader = command.ExecuteReader();
        var packs = new List<(string, long)>();
        while (reader.Read())
            packs.Add((reader.GetString(0), reader.GetInt64(1)));
        return packs;
    }

    /// <summary>Sealed packs not retired, named after <paramref name="after"/> (ordinal; null: from the first), by name, at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<(string Name, long Size)> SealedAfter(SqliteConnection connection, string? after, int limit)
    {
        // A retired pack is no longer assigned (its holders drop it after their grace); it would only be pulled again.
        using var command = connection.Command("""
            SELECT name, size FROM packs
            WHERE state = $sealed AND name > $after AND NOT EXISTS (SELECT 1 FROM retired_packs r WHERE r.name = packs.name)
            ORDER BY name LIMIT $limit
            """)
            .With("$sealed", PackState.Sealed.ToColumn()).With("$after", after ?? "").With("$limit", limit);
        using var reader = command.ExecuteReader();
        var packs = new List<(string, long)>();
        while (reader.Read())
            packs.Add((reader.GetString(0), reader.GetInt64(1)));
        return packs;
    }

    /// <summary>The size of the sealed pack <paramref name="name"/>, or null when this site has no such sealed pack.</summary>
    public static long? SealedSize(SqliteConnection connection, string name)
    {
        using var command = connection.Command("SELECT size FROM packs WHERE state = $sealed AND name = $name")
            .With("$sealed", PackState.Sealed.ToColumn()).With("$name", name);
        return command.ExecuteScalar() is long size ? size : null;
    }

    /// <summary>Blobs indexed in a pack, in offset order (used to resume an open pack after a restart).</summary>
    public static IReadOnlyList<PackIndexEntry> Blobs(SqliteConnection connection, long packId)
    {
        using var command = connection.Command("SELECT type, id, offset, length FROM blobs WHERE pack_id = $id ORDER BY offset").With("$id", packId);
        using var reader = command.ExecuteReader();
        var blobs = new List<PackIndexEntry>();
        while (reader.Read())
            blobs.Add(new PackIndexEntry((CoStor.Core.Blobs.BlobType)reader.GetInt32(0), CoStor.Core.Blobs.BlobId.Read((byte[])reader.GetValue(1)), reader.GetInt64(2), reader.GetInt32(3)));
        return blobs;
    }
}
