using CoStor.Core.Protocol;

namespace CoStor.Appliance.Storage;

/// <summary>The committed snapshot, or why the commit was refused (with the first problems found).</summary>
public sealed record CommitOutcome(SnapshotRecord? Snapshot, string? Error, IReadOnlyList<string> Problems)
{
    public static CommitOutcome Committed(SnapshotRecord snapshot) => new(snapshot, null, []);
    public static CommitOutcome Refused(string error, IReadOnlyList<string> problems) => new(null, error, problems);
}
