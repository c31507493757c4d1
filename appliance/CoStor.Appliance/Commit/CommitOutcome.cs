using CoStor.Core.Protocol;

namespace CoStor.Appliance.Commit;

/// <summary>How a commit ended.</summary>
public enum CommitStatus
{
    /// <summary>A new snapshot was committed.</summary>
    Committed,

    /// <summary>The same session and root again: the snapshot committed before.</summary>
    Repeated,

    /// <summary>The request is malformed (<see cref="CommitOutcome.Error"/> says how).</summary>
    Invalid,

    /// <summary>No such session for this agent.</summary>
    UnknownSession,

    /// <summary>The session already committed a snapshot with another root.</summary>
    Conflict,

    /// <summary>The snapshot references blobs this agent did not upload or that cannot be read.</summary>
    Refused,
}

/// <summary>The snapshot (committed or repeated), or why not (with the first problems found).</summary>
public sealed record CommitOutcome(CommitStatus Status, SnapshotRecord? Snapshot, string? Error, IReadOnlyList<string> Problems)
{
    public static CommitOutcome Fail(CommitStatus status, string error, IReadOnlyList<string>? problems = null) => new(status, null, error, problems ?? []);
}
