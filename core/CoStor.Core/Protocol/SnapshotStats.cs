namespace CoStor.Core.Protocol;

/// <summary>Counters an agent reports for one backup.</summary>
public sealed record SnapshotStats(long Files, long Directories, long Bytes, long NewBlobs, long NewBytes);
