namespace CoStor.Appliance.Browse;

/// <summary>
/// One distinct content of a file across an agent's snapshots: the first snapshot (oldest) holding it, how many
/// of the snapshots looked at hold it, and the last of them. <see cref="ContentId"/> identifies the content:
/// lowercase hex SHA-256 over the file's chunk blob ids and lengths (equal for equal content, as chunks are
/// keyed convergently within a site; a change of compressor version may give equal content a new id).
/// </summary>
public sealed record FileVersion(
    string SnapshotId,
    DateTimeOffset SnapshotTime,
    long Size,
    long MtimeNs,
    string ContentId,
    int SnapshotCount,
    string LastSnapshotId,
    DateTimeOffset LastSnapshotTime);
