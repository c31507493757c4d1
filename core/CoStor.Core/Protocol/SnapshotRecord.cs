namespace CoStor.Core.Protocol;

/// <summary>
/// One snapshot as the appliance stores it (also sealed into a snapshot blob keyed with the agent's
/// metadata key, so the catalogue can be rebuilt from packs). Times are appliance time.
/// <see cref="Status"/> is <c>complete</c> or <c>partial</c> (some files unreadable).
/// </summary>
public sealed record SnapshotRecord(
    string Id,
    string AgentId,
    string AgentName,
    string Host,
    IReadOnlyList<string> Paths,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    BlobRefDto Root,
    string Status,
    SnapshotStats Stats,
    IReadOnlyList<UnreadableFile> Unreadable)
{
    public const string Complete = "complete";
    public const string Partial = "partial";
}
