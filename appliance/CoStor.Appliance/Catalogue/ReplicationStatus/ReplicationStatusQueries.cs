using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// The read side of replication status (docs/replication.md, "Status"): per configured peer, what this box holds for
/// it (<c>peer_packs</c>, <c>peer_status</c>) and what it holds of ours (placement over our sealed packs,
/// <c>replica_proofs</c>); per site, sealed packs by proven copies. One read transaction per call, so the figures
/// agree; per-peer figures are index range reads, the copies histogram one pass over the sealed packs with a primary
/// key seek each, and placement is recomputed only when the sealed packs, peers or copies change.
/// </summary>
public sealed partial class ReplicationStatusQueries(CatalogueDatabase database, TimeProvider time)
{
    /// <summary>The window "received recently" (the catch-up rate) is measured over.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(1);

    /// <summary>How long a pack may lack proven copies, or a peer go unreached, before it is a problem.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromDays(1);

    public ReplicationOverview Overview(ReplicationStatusRequest request)
    {
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var statuses = Statuses(connection, transaction);
        var configured = ConfiguredSince(connection, transaction);
        var proofs = ProofCounts(connection, transaction, request.Peers);
        var assigned = Assigned(connection, transaction, request);
        var peers = new List<PeerReplication>(request.Peers.Count);
        foreach (var peer in request.Peers)
        {
            statuses.TryGetValue(peer, out var status);
            var (packs, bytes, recent) = Held(connection, transaction, peer, now - RecentWindow);
            var behind = status?.BytesBehind ?? 0;
            TimeSpan? catchUp = behind <= 0 ? TimeSpan.Zero : recent > 0 ? TimeSpan.FromSeconds(behind / (recent / RecentWindow.TotalSeconds)) : null;
            var holding = new HolderFigures(packs, bytes, status?.PacksBehind ?? 0, behind, status?.LastSuccessAt, status?.LastErrorAt, status?.LastError, recent, catchUp);
            var (proven, failing) = proofs.GetValueOrDefault(peer);
            var (failure, failedAt) = LatestFailure(connection, transaction, peer);
            peers.Add(new PeerReplication(peer, configured.TryGetValue(peer, out var since) ? since : null, holding,
                new OwnerFigures(assigned.GetValueOrDefault(peer), proven, failing, failure, failedAt)));
        }
        return new ReplicationOverview(peers, Copies(connection, transaction, request, now), request.Copies, now);
    }

    private static Dictionary<string, PeerStatus> Statuses(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command("""
            SELECT site, last_success_at, last_error_at, last_error, bytes_received, bytes_behind, packs_behind, updated_at FROM peer_status
            """, transaction);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, PeerStatus>(StringComparer.Ordinal);
        while (reader.Read())
            rows[reader.GetString(0)] = new PeerStatus(reader.GetString(0), Time(reader, 1), Time(reader, 2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.ReadTime(7));
        return rows;
    }

    private static Dictionary<string, DateTimeOffset> ConfiguredSince(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command("SELECT site, since FROM peer_configured", transaction);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (reader.Read())
            rows[reader.GetString(0)] = reader.ReadTime(1);
        return rows;
    }

    /// <summary>Packs and bytes held for <paramref name="peer"/> (retired ones aside), and bytes received since <paramref name="recentSince"/>.</summary>
    private static (long Packs, long Bytes, long Recent) Held(SqliteConnection connection, SqliteTransaction transaction, string peer, DateTimeOffset recentSince)
    {
        using var command = connection.Command("""
            SELECT (SELECT count(*) FROM peer_packs WHERE site = $site AND state = 'held'),
                   (SELECT coalesce(sum(size), 0) FROM peer_packs WHERE site = $site AND state = 'held'),
                   (SELECT coalesce(sum(size), 0) FROM peer_packs WHERE site = $site AND received_at >= $since)
            """, transaction).With("$site", peer).With("$since", SqliteExtensions.Time(recentSince));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Per peer: packs whose latest proof matched, and packs whose latest proof failed.</summary>
    private static Dictionary<string, (long Proven, long Failing)> ProofCounts(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> peers)
    {
        using var command = connection.Command($"""
            SELECT peer, sum(proven_at IS NOT NULL AND failed_at IS NULL),
                   sum(failed_at IS NOT NULL AND (proven_at IS NULL OR failed_at >= proven_at))
            FROM replica_proofs WHERE peer IN {SqliteExtensions.List(peers.Count, "$p")} GROUP BY peer
            """, transaction).WithList("$p", peers);
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        while (reader.Read())
            counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        return counts;
    }

    private static (string? Failure, DateTimeOffset? At) LatestFailure(SqliteConnection connection, SqliteTransaction transaction, string peer)
    {
        using var command = connection.Command("""
            SELECT failure, failed_at FROM replica_proofs
            WHERE peer = $peer AND failed_at IS NOT NULL AND (proven_at IS NULL OR failed_at >= proven_at)
            ORDER BY failed_at DESC LIMIT 1
            """, transaction).With("$peer", peer);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.ReadTime(1)) : (null, null);
    }

    /// <summary>Sealed packs by proven copies (this site's own plus each configured peer whose latest proof matched).</summary>
    private static SiteCopies Copies(SqliteConnection connection, SqliteTransaction transaction, ReplicationStatusRequest request, DateTimeOffset now)
    {
        using var command = connection.Command($"""
            SELECT n, old, count(*) FROM (
                SELECT (SELECT count(*) FROM replica_proofs r WHERE r.pack_name = p.name AND r.proven_at IS NOT NULL AND r.failed_at IS NULL
                        AND r.peer IN {SqliteExtensions.List(request.Peers.Count, "$p")}) AS n,
                       p.sealed_at < $cutoff AS old
                FROM packs p WHERE p.state = 'sealed')
            GROUP BY n, old
            """, transaction).WithList("$p", request.Peers).With("$cutoff", SqliteExtensions.Time(now - Patience));
        using var reader = command.ExecuteReader();
        var buckets = new long[Math.Max(1, request.Copies)];
        long sealedPacks = 0, shortOld = 0;
        while (reader.Read())
        {
            var copies = 1 + reader.GetInt64(0);
            var count = reader.GetInt64(2);
            buckets[Math.Min(copies, buckets.Length) - 1] += count;
            sealedPacks += count;
            if (reader.GetInt64(1) == 1 && copies < request.Copies)
                shortOld += count;
        }
        return new SiteCopies(buckets, sealedPacks, shortOld);
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.ReadTime(ordinal);
}
