using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Browse;

/// <summary>
/// Reads snapshots for people: one directory page at a time, an entry's details, a file's content, a file's
/// versions across snapshots and a name search. The appliance holds the site's keys: every tree is opened with
/// the key its parent names, the root's key from the catalogue (<see cref="SnapshotStore"/>).
/// Contract for callers (web handlers, the CLI): a snapshot that does not exist or whose agent the
/// <see cref="Viewer"/> may not see is null (not found — never "forbidden", which would confirm it exists), as
/// is a path that is not in it. Damaged storage (a missing or corrupt blob) throws a
/// <see cref="Core.Errors.CoStorException"/>. Reads never write to packs, so they are safe beside uploads.
/// Each call reads the trees along its path afresh; nothing is cached between calls. A peer site's browser
/// (<see cref="Replication.Remote.RemoteSites"/>) names its <paramref name="site"/>, which prefixes audit targets ("north:ID").
/// </summary>
public sealed partial class SnapshotBrowser(SnapshotStore snapshots, CatalogueDatabase database, PackFiles packs, AuditLog audit, string? site = null)
{
    /// <summary>What the audit log records as the target for <paramref name="id"/> (a peer's: "site:id").</summary>
    internal string AuditTarget(string id) => site is null ? id : $"{site}:{id}";

    /// <summary>The largest page <see cref="ListDirectory"/> returns.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The snapshot, or null when there is none with this id or <paramref name="viewer"/> may not see its agent.</summary>
    public SnapshotRecord? Find(Viewer viewer, string snapshotId)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (string.IsNullOrEmpty(snapshotId) || snapshotId.Length > 64)
            return null;
        return snapshots.Find(snapshotId) is { } record && viewer.CanSee(record.AgentId) ? record : null;
    }

    /// <summary>The entry at <paramref name="path"/> (the root: a directory named "/"), or null.</summary>
    public BrowseEntry? Stat(Viewer viewer, string snapshotId, BrowsePath path)
    {
        if (RootOf(viewer, snapshotId) is not { } root)
            return null;
        using var blobs = new LocalBlobReader(database, packs);
        return new TreeReader(blobs).Resolve(root, path.Components) is { } node ? BrowseEntry.From(node, path) : null;
    }

    /// <summary>
    /// One page of the directory at <paramref name="path"/>: at most <paramref name="limit"/> (1 …
    /// <see cref="MaxPageSize"/>) entries whose names sort after <paramref name="after"/> (a
    /// <see cref="DirectoryPage.NextCursor"/>; null: from the first). Only the page's entries are built; the
    /// directory's tree is decoded once. Null when the snapshot is not found or the path is not a directory in it.
    /// Throws <see cref="ArgumentException"/> for a malformed cursor. The first page of each directory is audited
    /// (<c>snapshot.browse</c>).
    /// </summary>
    public DirectoryPage? ListDirectory(Viewer viewer, string snapshotId, BrowsePath path, string? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        limit = Math.Min(limit, MaxPageSize);
        byte[]? cursor = null;
        if (after is not null && !BrowsePath.TryDecodeName(after, out cursor))
            throw new ArgumentException($"'{after}' is not a directory cursor", nameof(after));
        if (RootOf(viewer, snapshotId) is not { } root)
            return null;
        using var blobs = new LocalBlobReader(database, packs);
        var trees = new TreeReader(blobs);
        if (trees.Resolve(root, path.Components) is not { Type: NodeType.Directory } directory)
            return null;
        var nodes = trees.Directory(directory.Subtree!.Value);
        int start = 0;
        if (cursor is not null)
        {
            int index = TreePath.IndexOf(nodes, cursor);
            start = index >= 0 ? index + 1 : ~index;
        }
        int end = Math.Min(nodes.Count, start + limit);
        var entries = new List<BrowseEntry>(end - start);
        for (int i = start; i < end; i++)
            entries.Add(BrowseEntry.From(nodes[i], path.Child(nodes[i].Name)));
        if (after is null)
            audit.Record(new AuditEvent(viewer.Actor, "snapshot.browse", AuditTarget(snapshotId), path.ToString(), viewer.Address));
        var next = end < nodes.Count && end > start ? BrowsePath.EncodeName(nodes[end - 1].Name) : null;
        return new DirectoryPage(path, entries, nodes.Count, next);
    }

    /// <summary>
    /// The content of the file at <paramref name="path"/> as a read-only forward stream (chunks are read and
    /// decrypted one at a time: about 8 MiB of memory whatever the size), or null when the snapshot is not found or
    /// the path is not a regular file. The caller disposes the stream. Audited as <c>file.download</c>. A damaged
    /// chunk throws from <see cref="Stream.Read(Span{byte})"/> mid-way (the caller must cut the download off).
    /// </summary>
    public FileContentStream? OpenFile(Viewer viewer, string snapshotId, BrowsePath path)
    {
        if (RootOf(viewer, snapshotId) is not { } root)
            return null;
        var blobs = new LocalBlobReader(database, packs);
        try
        {
            if (new TreeReader(blobs).Resolve(root, path.Components) is not { Type: NodeType.File } file)
            {
                blobs.Dispose();
                return null;
            }
            audit.Record(new AuditEvent(viewer.Actor, "file.download", AuditTarget(snapshotId), path.ToString(), viewer.Address));
            return new FileContentStream(blobs, file, blobs);
        }
        catch
        {
            blobs.Dispose();
            throw;
        }
    }

    /// <summary>The root tree of a snapshot the viewer may see, or null.</summary>
    internal BlobRef? RootOf(Viewer viewer, string snapshotId) =>
        Find(viewer, snapshotId) is { } record ? RootOf(record) : null;

    internal static BlobRef RootOf(SnapshotRecord record) =>
        new(BlobId.Parse(record.Root.Id), BlobKey.Parse(record.Root.Key));
}
