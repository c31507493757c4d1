namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The <c>peer_configured</c> rows: since when each configured peer has been in the configuration, so a peer that was
/// never reached becomes a problem only after a day. Synchronised with the configuration at every start.
/// </summary>
public sealed class PeerConfiguredStore(CatalogueDatabase database, TimeProvider time)
{
    /// <summary>Records peers new to the configuration as configured now and forgets those no longer in it.</summary>
    public void Sync(IReadOnlyCollection<string> peers)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        var now = SqliteExtensions.Time(time.GetUtcNow());
        foreach (var peer in peers)
        {
            using var insert = connection.Command("INSERT INTO peer_configured (site, since) VALUES ($site, $now) ON CONFLICT (site) DO NOTHING", transaction)
                .With("$site", peer).With("$now", now);
            insert.ExecuteNonQuery();
        }
        using (var delete = connection.Command($"DELETE FROM peer_configured WHERE site NOT IN {SqliteExtensions.List(peers.Count, "$p")}", transaction))
        {
            delete.WithList("$p", peers);
            delete.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Sets when a peer was first configured (tests, and a rebuilt site that knows better).</summary>
    public void SetSince(string peer, DateTimeOffset since)
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            INSERT INTO peer_configured (site, since) VALUES ($site, $since) ON CONFLICT (site) DO UPDATE SET since = $since
            """).With("$site", peer).With("$since", SqliteExtensions.Time(since));
        command.ExecuteNonQuery();
    }
}
