namespace CoStor.Web.Snapshots;

/// <summary>One page of one directory of a snapshot (<see cref="NextCursor"/>: where the next page starts).</summary>
public sealed record DirectoryView(PageFrame Frame, SnapshotHeader Snapshot, string Path, IReadOnlyList<Crumb> Crumbs, IReadOnlyList<EntryRow> Entries,
    int Total, string? After, string? NextCursor);
