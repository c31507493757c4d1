namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// An <c>agents</c> row with what it uploaded (<c>agent_blobs</c>): the credential hash keeps the PC signed in after a
/// rebuild, and its ownership rows let its next commit reference the blobs it skips (an agent re-sends nothing its
/// earlier snapshots hold, and a commit may reference only blobs its agent owns).
/// </summary>
public sealed record CheckpointAgent(
    string Id, string Name, string Host, byte[] SecretHash, string EnrolledAt, string? LastSeenAt, string? RevokedAt,
    long? GroupId, long ExpectedIntervalMinutes, IReadOnlyList<byte[]> Owned, IReadOnlyList<byte[]> Verified);
