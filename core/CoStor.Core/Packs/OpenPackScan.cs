namespace CoStor.Core.Packs;

/// <summary>
/// Result of rescanning an open pack after a crash: the verified frames, and the length of the valid
/// prefix (header and whole, verified frames). The caller truncates the file to
/// <see cref="ValidLength"/> before resuming; 0 means not even the header survived.
/// </summary>
public sealed record OpenPackScan(IReadOnlyList<PackIndexEntry> Entries, long ValidLength);
