namespace CoStor.Web.Snapshots;

/// <summary>
/// An entry of a snapshot directory as the browser lists it. <see cref="Path"/> is the link parameter (non-UTF-8 bytes
/// as %XX); <see cref="Kind"/> is <c>dir</c>, <c>file</c>, <c>symlink</c> or <c>other</c>.
/// </summary>
public sealed record EntryRow(string Name, string Path, string Kind, long Size, uint Mode, uint Uid, uint Gid, DateTimeOffset Mtime, string? LinkTarget);
