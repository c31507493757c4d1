namespace CoStor.Web.Replication;

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
