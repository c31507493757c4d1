namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>The replication status page: each configured peer (in configuration order) and this site's packs by proven copies.</summary>
public sealed record ReplicationOverview(IReadOnlyList<PeerReplication> Peers, SiteCopies Site, int Copies, DateTimeOffset Now);

/// <summary>One peer both ways: what this box holds for it, and what it holds of ours.</summary>
public sealed record PeerReplication(string Name, DateTimeOffset? ConfiguredSince, HolderFigures Holding, OwnerFigures Owning);

/// <summary>
/// This box as the peer's holder (from <c>peer_packs</c> and <c>peer_status</c>). <see cref="RecentBytes"/>: bytes of
/// its packs received in the last <see cref="ReplicationStatusQueries.RecentWindow"/>; <see cref="CatchUp"/>: bytes
/// behind over that rate (zero when nothing is behind, null when something is but nothing arrived recently).
/// </summary>
public sealed record HolderFigures(
    long HeldPacks, long HeldBytes, long PacksBehind, long BytesBehind, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError,
    long RecentBytes, TimeSpan? CatchUp)
{
    /// <summary>The last error came after the last success (or there was never one): pulling is failing now.</summary>
    public bool Failing => LastErrorAt is { } error && (LastSuccessAt is not { } success || error >= success);
}

/// <summary>
/// The peer as a holder of this site's sealed packs (placement and <c>replica_proofs</c>). <see cref="Failing"/>:
/// packs whose latest proof failed; <see cref="LatestFailure"/> is the most recent failure's reason.
/// </summary>
public sealed record OwnerFigures(long Assigned, long Proven, long Failing, string? LatestFailure, DateTimeOffset? LatestFailureAt);

/// <summary>
/// This site's sealed packs by proven copies: <see cref="ByCopies"/>[i] packs have i + 1 (this site's own copy plus
/// i proven peers; the last bucket also counts packs with more). <see cref="ShortForOverADay"/>: packs sealed more than
/// a day ago with fewer than <c>copies</c>.
/// </summary>
public sealed record SiteCopies(IReadOnlyList<long> ByCopies, long SealedPacks, long ShortForOverADay);
