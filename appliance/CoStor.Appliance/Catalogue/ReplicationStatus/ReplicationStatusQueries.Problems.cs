using CoStor.Appliance.Catalogue.Dashboard;

namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// The dashboard's replication problems: peers whose latest proof failed (at once: a holder that lost or altered a
/// pack is news now, even though the copies rule waits a day), packs short of proven copies for over a day, and peers
/// not reached for a day.
/// </summary>
public sealed partial class ReplicationStatusQueries
{
    /// <summary>
    /// Nothing when no peer is configured. A peer is unreached when its last success is older than
    /// <see cref="Patience"/>, or it has none and has been configured for longer than that.
    /// </summary>
    public IReadOnlyList<DashboardProblem> Problems(ReplicationStatusRequest request)
    {
        if (request.Peers.Count == 0)
            return [];
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var problems = new List<DashboardProblem>();
        if (request.Copies > 1)
        {
            using var command = connection.Command($"""
                SELECT count(*) FROM packs p
                WHERE p.state = 'sealed' AND p.sealed_at < $cutoff
                  AND (SELECT count(*) FROM replica_proofs r WHERE r.pack_name = p.name AND r.proven_at IS NOT NULL AND r.failed_at IS NULL
                       AND r.peer IN {SqliteExtensions.List(request.Peers.Count, "$p")}) < $peerCopies
                """, transaction).WithList("$p", request.Peers).With("$cutoff", SqliteExtensions.Time(now - Patience)).With("$peerCopies", request.Copies - 1);
            var short_ = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (short_ > 0)
                problems.Add(new DashboardProblem(DashboardProblemKind.FewProvenCopies, null, null, null,
                    $"{short_:N0} {(short_ == 1 ? "pack has" : "packs have")} fewer than {request.Copies} proven copies for over a day"));
        }
        var proofs = ProofCounts(connection, transaction, request.Peers);
        foreach (var peer in request.Peers)
        {
            if (proofs.GetValueOrDefault(peer).Failing is var failing and > 0)
            {
                var (failure, at) = LatestFailure(connection, transaction, peer);
                problems.Add(new DashboardProblem(DashboardProblemKind.ProofFailed, null, null, at,
                    $"Peer {peer} failed to prove it holds {failing:N0} {(failing == 1 ? "pack" : "packs")} of this site{(failure is null ? "" : $" ({failure})")}"));
            }
        }
        var statuses = Statuses(connection, transaction);
        var configured = ConfiguredSince(connection, transaction);
        foreach (var peer in request.Peers)
        {
            if (statuses.GetValueOrDefault(peer)?.LastSuccessAt is { } success)
            {
                if (now - success > Patience)
                    problems.Add(new DashboardProblem(DashboardProblemKind.PeerUnreached, null, null, success,
                        $"Peer {peer} not reached for {Span(now - success)}"));
            }
            else if (configured.TryGetValue(peer, out var since) && now - since > Patience)
            {
                problems.Add(new DashboardProblem(DashboardProblemKind.PeerUnreached, null, null, since,
                    $"Peer {peer} never reached (configured {Span(now - since)} ago)"));
            }
        }
        return problems;
    }

    /// <summary>"25 hours", "3 days": whole units, hours up to two days.</summary>
    private static string Span(TimeSpan span) => span.TotalDays >= 2 ? $"{(int)span.TotalDays} days" : $"{(int)span.TotalHours} hours";
}
