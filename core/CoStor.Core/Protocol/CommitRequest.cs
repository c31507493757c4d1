namespace CoStor.Core.Protocol;

/// <summary>
/// Body of <c>POST /api/v1/snapshots</c>. The appliance refuses it unless every blob reachable from
/// <see cref="Root"/> was uploaded by this agent and is durable.
/// </summary>
public sealed record CommitRequest(
    string SessionId,
    string Host,
    IReadOnlyList<string> Paths,
    BlobRefDto Root,
    SnapshotStats Stats,
    IReadOnlyList<UnreadableFile> Unreadable);
