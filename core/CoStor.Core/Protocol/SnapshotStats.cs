namespace CoStor.Core.Protocol;

/// <summary>
/// Counters an agent reports for one backup. <see cref="UnreadableCount"/> is every entry that could not be saved as it was; the
/// snapshot lists at most <see cref="ProtocolLimits.MaxUnreadableListed"/> of them.
/// </summary>
public sealed record SnapshotStats(long Files, long Directories, long Bytes, long NewBlobs, long NewBytes, long UnreadableCount = 0);
