namespace CoStor.Web.Snapshots;

/// <summary>Names in a snapshot containing <see cref="Query"/> (each hit's Name is its whole path, for people); <see cref="Complete"/> is false when the search stopped at its bound.</summary>
public sealed record SearchView(PageFrame Frame, SnapshotHeader Snapshot, string Query, IReadOnlyList<EntryRow> Hits, bool Complete);
