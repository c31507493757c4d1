namespace CoStor.Appliance.Catalogue;

/// <summary>How pulling from one peer goes, for the dashboard.</summary>
public sealed record PeerStatus(
    string Site, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError,
    long BytesReceived, long BytesBehind, long PacksBehind, DateTimeOffset UpdatedAt);

/// <summary>The <c>peer_status</c> rows: one per peer, created by its first event.</summary>
public sealed class PeerStatusStore(CatalogueDatabase database, TimeProvider time)
{
    /// <summary>A round that reached the peer; adds <paramref name="bytesReceived"/> to its running total.</summary>
    public void RecordSuccess(string site, long bytesReceived)
    {
        var now = SqliteExtensions.Time(time.GetUtcNow());
        Upsert(site, """
            INSERT INTO peer_status (site, last_success_at, bytes_received, updated_at) VALUES ($site, $now, $bytes, $now)
            ON CONFLICT (site) DO UPDATE SET last_success_at = $now, bytes_received = bytes_received + $bytes, updated_at = $now
            """, ("$now", now), ("$bytes", bytesReceived));
    }

    /// <summary>A round that failed; the last success is kept (it tells how long the peer has been unreached).</summary>
    public void RecordError(string site, string error)
    {
        var now = SqliteExtensions.Time(time.GetUtcNow());
        Upsert(site, """
            INSERT INTO peer_status (site, last_error_at, last_error, updated_at) VALUES ($site, $now, $error, $now)
            ON CONFLICT (site) DO UPDATE SET last_error_at = $now, last_error = $error, updated_at = $now
            """, ("$now", now), ("$error", error));
    }

    /// <summary>What the peer has assigned to this box that it does not hold yet.</summary>
    public void RecordBehind(string site, long packs, long bytes)
    {
        var now = SqliteExtensions.Time(time.GetUtcNow());
        Upsert(site, """
            INSERT INTO peer_status (site, packs_behind, bytes_behind, updated_at) VALUES ($site, $packs, $bytes, $now)
            ON CONFLICT (site) DO UPDATE SET packs_behind = $packs, bytes_behind = $bytes, updated_at = $now
            """, ("$now", now), ("$packs", packs), ("$bytes", bytes));
    }

    public IReadOnlyList<PeerStatus> All()
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            SELECT site, last_success_at, last_error_at, last_error, bytes_received, bytes_behind, packs_behind, updated_at
            FROM peer_status ORDER BY site
            """);
        using var reader = command.ExecuteReader();
        var rows = new List<PeerStatus>();
        while (reader.Read())
        {
            rows.Add(new PeerStatus(reader.GetString(0), reader.IsDBNull(1) ? null : reader.ReadTime(1), reader.IsDBNull(2) ? null : reader.ReadTime(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.ReadTime(7)));
        }
        return rows;
    }

    public PeerStatus? Find(string site) => All().FirstOrDefault(s => s.Site == site);

    private void Upsert(string site, string sql, params (string Name, object Value)[] values)
    {
        using var connection = database.Connect();
        using var command = connection.Command(sql).With("$site", site);
        foreach (var (name, value) in values)
            command.With(name, value);
        command.ExecuteNonQuery();
    }
}
