namespace CoStor.Web.Replication;

/// <summary>The replication page; its body (<c>#replication</c>) refreshes itself through htmx.</summary>
public sealed record ReplicationView(PageFrame Frame, ReplicationBody Body);

/// <summary>Each configured peer both ways, this site's packs by proven copies, and how many copies are wanted.</summary>
public sealed record ReplicationBody(IReadOnlyList<PeerPanel> Peers, CopiesBar Copies, int CopiesWanted, DateTimeOffset Now);

/// <summary>
/// One peer. Holding (what this box keeps for it): packs and bytes held, waiting, time to catch up (zero: caught up;
/// null: unknown), last success and error (<see cref="Failing"/>: the error is the latest news). Owning (what it keeps
/// of ours): packs placement assigns it, how many it proved, how many failed their latest proof and the latest reason.
/// </summary>
public sealed record PeerPanel(
    string Name, string Url, DateTimeOffset? ConfiguredSince,
    long HeldPacks, long HeldBytes, long PacksBehind, long BytesBehind, TimeSpan? CatchUp,
    DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError, bool Failing,
    long Assigned, long Proven, long FailingProofs, string? LatestFailure, DateTimeOffset? LatestFailureAt);

/// <summary>This site's sealed packs by proven copies: <see cref="ByCopies"/>[i] have i + 1 (the last bucket: that many or more).</summary>
public sealed record CopiesBar(IReadOnlyList<long> ByCopies, long SealedPacks, long ShortForOverADay);
