namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// Everything a rebuild needs that is not in the packs (docs/replication.md, "Catalogue checkpoint"), read in one
/// read transaction. Catalogue times are kept as the text the catalogue stores, so a materialised catalogue holds
/// exactly the rows the site had. Not included: audit log, enrolment tokens, web sessions, sign-in failures, setup
/// codes, open packs and sessions that committed nothing (none of them is needed to browse, restore or keep backing up).
/// </summary>
public sealed record CheckpointContent(
    int Version,
    string Site,
    long Sequence,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CheckpointAgent> Agents,
    IReadOnlyList<CheckpointGroup> Groups,
    IReadOnlyList<CheckpointUser> Users,
    IReadOnlyList<CheckpointSession> Sessions,
    IReadOnlyList<CheckpointSnapshot> Snapshots,
    IReadOnlyList<CheckpointPack> Packs,
    IReadOnlyList<CheckpointRetirement> Retired,
    IReadOnlyList<CheckpointPeer> Peers)
{
    /// <summary>The content's own version (inside the encryption); readers refuse others.</summary>
    public const int CurrentVersion = 1;
}

/// <summary>
/// An <c>agents</c> row with what it uploaded (<c>agent_blobs</c>): the credential hash keeps the PC signed in after a
/// rebuild, and its ownership rows let its next commit reference the blobs it skips (an agent re-sends nothing its
/// earlier snapshots hold, and a commit may reference only blobs its agent owns).
/// </summary>
public sealed record CheckpointAgent(
    string Id, string Name, string Host, byte[] SecretHash, string EnrolledAt, string? LastSeenAt, string? RevokedAt,
    long? GroupId, long ExpectedIntervalMinutes, IReadOnlyList<byte[]> Owned, IReadOnlyList<byte[]> Verified);

/// <summary>An <c>agent_groups</c> row; its id is kept because agents and grants refer to it.</summary>
public sealed record CheckpointGroup(long Id, string Name, string CreatedAt);

/// <summary>A <c>users</c> row with its grants (agent ids, group ids).</summary>
public sealed record CheckpointUser(
    string Name, string Role, string PasswordHash, string CreatedAt, string? PasswordChangedAt, string? DisabledAt,
    IReadOnlyList<string> AgentGrants, IReadOnlyList<long> GroupGrants);

/// <summary>A <c>sessions</c> row that committed a snapshot (snapshots refer to their session).</summary>
public sealed record CheckpointSession(string Id, string AgentId, string StartedAt, string SnapshotId);

/// <summary>A <c>snapshots</c> row; <see cref="RecordJson"/> exactly as stored, its root key sealed under the catalogue key.</summary>
public sealed record CheckpointSnapshot(
    string Id, string AgentId, string SessionId, string Host, string StartedAt, string FinishedAt, string Status, byte[] BlobId,
    string RecordJson, long Files, long Bytes, long NewBytes, long Unreadable);

/// <summary>A sealed pack and the blob index entries that point into it.</summary>
public sealed record CheckpointPack(string Name, long Size, int BlobCount, string CreatedAt, string? SealedAt, IReadOnlyList<CheckpointBlob> Blobs);

/// <summary>A <c>blobs</c> row: where a blob sits in its pack.</summary>
public sealed record CheckpointBlob(byte[] Id, int Type, long Offset, int Length);

/// <summary>A signed retention decision: the owner retired <see cref="Pack"/> at <see cref="RetiredAt"/> (none are made yet).</summary>
public sealed record CheckpointRetirement(string Pack, DateTimeOffset RetiredAt);

/// <summary>A configured peer, so a rebuild knows where the site's packs are.</summary>
public sealed record CheckpointPeer(string Name, string Url, string Fingerprint);
