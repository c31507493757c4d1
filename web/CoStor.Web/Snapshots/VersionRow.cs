namespace CoStor.Web.Snapshots;

/// <summary>One distinct content of a file across the PC's snapshots: first and last snapshot holding it, and how many.</summary>
public sealed record VersionRow(string SnapshotId, DateTimeOffset SnapshotTime, long Size, DateTimeOffset Mtime, int SnapshotCount, DateTimeOffset LastSnapshotTime,
    bool IsThis);
