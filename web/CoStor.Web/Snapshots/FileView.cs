namespace CoStor.Web.Snapshots;

/// <summary>A file (or link) in a snapshot: its details, its download, and its versions across the PC's snapshots.</summary>
public sealed record FileView(PageFrame Frame, SnapshotHeader Snapshot, IReadOnlyList<Crumb> Crumbs, EntryRow Entry, IReadOnlyList<VersionRow> Versions);
