namespace CoStor.Appliance.Catalogue;

/// <summary>
/// On the owner, the <c>replica_proofs</c> rows: the last proof of holding per (pack, peer). A copy counts while
/// the last proof succeeded (proven_at set, failed_at not); see docs/replication.md, "Proof of holding".
/// </summary>
public sealed class ReplicaProofStore(CatalogueDatabase database, TimeProvider time)
{
    public void RecordProven(string pack, string peer)
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            INSERT INTO replica_proofs (pack_name, peer, proven_at) VALUES ($pack, $peer, $now)
            ON CONFLICT (pack_name, peer) DO UPDATE SET proven_at = $now, failed_at = NULL, failure = NULL
            """).With("$pack", pack).With("$peer", peer).With("$now", SqliteExtensions.Time(time.GetUtcNow()));
        command.ExecuteNonQuery();
    }

    /// <summary>A wrong or missing answer: the copy stops counting; its last proven_at stays for the record.</summary>
    public void RecordFailed(string pack, string peer, string failure)
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            INSERT INTO replica_proofs (pack_name, peer, failed_at, failure) VALUES ($pack, $peer, $now, $failure)
            ON CONFLICT (pack_name, peer) DO UPDATE SET failed_at = $now, failure = $failure
            """).With("$pack", pack).With("$peer", peer).With("$now", SqliteExtensions.Time(time.GetUtcNow())).With("$failure", failure);
        command.ExecuteNonQuery();
    }

    /// <summary>Drops the row when placement no longer assigns the pack to the peer (or the pack is gone).</summary>
    public void Forget(string pack, string peer)
    {
        using var connection = database.Connect();
        using var command = connection.Command("DELETE FROM replica_proofs WHERE pack_name = $pack AND peer = $peer").With("$pack", pack).With("$peer", peer);
        command.ExecuteNonQuery();
    }

    /// <summary>Whether <paramref name="peer"/>'s copy of <paramref name="pack"/> currently counts.</summary>
    public bool IsProven(string pack, string peer)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT 1 FROM replica_proofs WHERE pack_name = $pack AND peer = $peer AND proven_at IS NOT NULL AND failed_at IS NULL")
            .With("$pack", pack).With("$peer", peer);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Per peer, how many packs it currently proves (the status page's per-peer count).</summary>
    public IReadOnlyDictionary<string, long> ProvenCounts()
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT peer, count(*) FROM replica_proofs WHERE proven_at IS NOT NULL AND failed_at IS NULL GROUP BY peer");
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// This site's sealed packs, sealed longer than <paramref name="olderThan"/> ago, that fewer than
    /// <paramref name="peerCopies"/> peers currently prove (<c>copies − 1</c>): the dashboard's "not yet replicated".
    /// </summary>
    public IReadOnlyList<(string Name, long Proven)> UnderReplicated(int peerCopies, TimeSpan olderThan, int limit = 100)
    {
        using var connection = database.Connect();
        using var command = connection.Command("""
            SELECT p.name, (SELECT count(*) FROM replica_proofs r
                            WHERE r.pack_name = p.name AND r.proven_at IS NOT NULL AND r.failed_at IS NULL) AS proven
            FROM packs p
            WHERE p.state = 'sealed' AND p.sealed_at < $cutoff AND proven < $copies
            ORDER BY p.sealed_at LIMIT $limit
            """).With("$cutoff", SqliteExtensions.Time(time.GetUtcNow() - olderThan)).With("$copies", peerCopies).With("$limit", limit);
        using var reader = command.ExecuteReader();
        var packs = new List<(string, long)>();
        while (reader.Read())
            packs.Add((reader.GetString(0), reader.GetInt64(1)));
        return packs;
    }
}
