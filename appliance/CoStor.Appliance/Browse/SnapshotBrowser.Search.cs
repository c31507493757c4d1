using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Browse;

public sealed partial class SnapshotBrowser
{
    /// <summary>The most hits and directories a search may ask for.</summary>
    public const int MaxSearchResults = 1000, MaxSearchDirectories = 100_000;

    /// <summary>
    /// Entries below <paramref name="start"/> whose display name contains <paramref name="text"/> (ordinal,
    /// case-insensitive), breadth-first, stopping at <paramref name="maxResults"/> hits or after reading
    /// <paramref name="maxDirectories"/> directories. Null when the snapshot is not found or
    /// <paramref name="start"/> is not a directory in it. Audited as <c>snapshot.browse</c> ("search …").
    /// </summary>
    public SearchResult? Search(Viewer viewer, string snapshotId, BrowsePath start, string text, int maxResults = 200, int maxDirectories = 5000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDirectories, 1);
        maxResults = Math.Min(maxResults, MaxSearchResults);
        maxDirectories = Math.Min(maxDirectories, MaxSearchDirectories);
        if (RootOf(viewer, snapshotId) is not { } root)
            return null;
        using var blobs = new LocalBlobReader(database, packs);
        var trees = new TreeReader(blobs);
        if (trees.Resolve(root, start.Components) is not { Type: NodeType.Directory } directory)
            return null;
        audit.Record(new AuditEvent(viewer.Actor, "snapshot.browse", AuditTarget(snapshotId), $"search {start} for \"{text}\"", viewer.Address));

        var hits = new List<BrowseEntry>();
        var queue = new Queue<(BrowsePath Path, BlobRef Tree)>();
        queue.Enqueue((start, directory.Subtree!.Value));
        int visited = 0;
        while (queue.TryDequeue(out var current))
        {
            if (visited++ == maxDirectories)
                return new SearchResult(hits, false, trees.TreesRead);
            foreach (var node in trees.Directory(current.Tree))
            {
                var path = current.Path.Child(node.Name);
                if (TreeNames.Printable(node.Name).Contains(text, StringComparison.OrdinalIgnoreCase))
                {
                    hits.Add(BrowseEntry.From(node, path));
                    if (hits.Count == maxResults)
                        return new SearchResult(hits, false, trees.TreesRead);
                }
                if (node.Type == NodeType.Directory)
                    queue.Enqueue((path, node.Subtree!.Value));
            }
        }
        return new SearchResult(hits, true, trees.TreesRead);
    }
}
