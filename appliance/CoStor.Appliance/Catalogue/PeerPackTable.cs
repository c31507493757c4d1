namespace CoStor.Appliance.Catalogue;

/// <summary>A pack of a peer site held here, as the catalogue records it.</summary>
public sealed record PeerPackRow(string Site, string Name, long Size, bool Retired, DateTimeOffset ReceivedAt, DateTimeOffset? RetiredAt);

/// <summary>
/// On a holder, the <c>peer_packs</c> rows: which packs of which peer site this box holds, and which of them are
/// retired and since when (the grace start; see <c>Replication/Retention/RetirementRule</c>). The files themselves
/// live in <c>Replication/Holding/PeerPackStore</c>; a row is written after its file is durable and removed after
/// its file is deleted, so a crash between the two leaves a file without a row, which the next listing adopts.
/// </summary>
public sealed class PeerPackTable(CatalogueDatabase database)
{
    /// <summary>Records a pack as held; a pack already recorded (held or retired) is left as it is.</summary>
    public void RecordHeld(string site, string name, long size, DateTimeOffset receivedAt)
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            INSERT INTO peer_packs (site, name, size, state, received_at) VALUES ($site, $name, $size, 'held', $at)
            ON CONFLICT (site, name) DO NOTHING
            """).With("$site", site).With("$name", name).With("$size", size).With("$at", SqliteExtensions.Time(receivedAt));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records, in one transaction, every pack in <paramref name="held"/> that has no row yet (held files a crash left
    /// between the rename into place and <see cref="RecordHeld"/>); returns how many were added.
    /// </summary>
    public int Adopt(string site, IEnumerable<(string Name, long Size)> held, DateTimeOffset receivedAt)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.Command("""
            INSERT INTO peer_packs (site, name, size, state, received_at) VALUES ($site, $name, $size, 'held', $at)
            ON CONFLICT (site, name) DO NOTHING
            """, transaction).With("$site", site).With("$name", "").With("$size", 0L).With("$at", SqliteExtensions.Time(receivedAt));
        var added = 0;
        foreach (var (name, size) in held)
        {
            command.Parameters["$name"].Value = name;
            command.Parameters["$size"].Value = size;
            added += command.ExecuteNonQuery();
        }
        transaction.Commit();
        return added;
    }

    /// <summary>
    /// Marks a held pack retired with its grace start. The first marking wins: seeing the decision again (or a
    /// re-signed one with another time) never moves the start, so the owner cannot pull the deletion closer.
    /// Returns whether the row changed.
    /// </summary>
    public bool MarkRetired(string site, string name, DateTimeOffset graceStart)
    {
        using var connection = database.Connect();
        using var command = connection.Command("UPDATE peer_packs SET state = 'retired', retired_at = $at WHERE site = $site AND name = $name AND state = 'held'")
            .With("$site", site).With("$name", name).With("$at", SqliteExtensions.Time(graceStart));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Retired packs whose grace started at or before <paramref name="startedBy"/>, oldest first.</summary>
    public IReadOnlyList<PeerPackRow> RetiredBefore(string site, DateTimeOffset startedBy)
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            SELECT site, name, size, state, received_at, retired_at FROM peer_packs
            WHERE state = 'retired' AND retired_at <= $by AND site = $site ORDER BY retired_at
            """).With("$site", site).With("$by", SqliteExtensions.Time(startedBy));
        return Read(command);
    }

    /// <summary>Forgets a pack whose file was deleted.</summary>
    public void Remove(string site, string name)
    {
        using var connection = database.Connect();
        using var command = connection.Command("DELETE FROM peer_packs WHERE site = $site AND name = $name").With("$site", site).With("$name", name);
        command.ExecuteNonQuery();
    }

    public PeerPackRow? Find(string site, string name)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT site, name, size, state, received_at, retired_at FROM peer_packs WHERE site = $site AND name = $name")
            .With("$site", site).With("$name", name);
        return Read(command).SingleOrDefault();
    }

    /// <summary>Packs and bytes held for <paramref name="site"/>, retired ones included (they still take space).</summary>
    public (long Packs, long Bytes) Totals(string site)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT count(*), coalesce(sum(size), 0) FROM peer_packs WHERE site = $site").With("$site", site);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static List<PeerPackRow> Read(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<PeerPackRow>();
        while (reader.Read())
        {
            rows.Add(new PeerPackRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3) == "retired",
                reader.ReadTime(4), reader.IsDBNull(5) ? null : reader.ReadTime(5)));
        }
        return rows;
    }
}
