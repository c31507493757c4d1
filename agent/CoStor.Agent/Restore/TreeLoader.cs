using CoStor.Agent.FileSystem;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// Fetches and decodes a snapshot's directory trees. Every tree is verified and decrypted with the key its
/// parent holds (<see cref="BlobSealer.Open"/>) and decoded strictly (<see cref="TreeCodec.Decode"/>): a
/// tree that fails is recorded in the <see cref="SnapshotTree"/> as an error (a walker names the path),
/// except along the requested path itself, where it is fatal (<see cref="AgentException"/>).
/// Transport failures propagate. Loading is breadth-first, one request per level and per
/// <see cref="ProtocolLimits.MaxReadIds"/> trees, with identical trees fetched once.
/// </summary>
public sealed class TreeLoader(IBlobSource source)
{
    /// <summary>
    /// Loads the trees along <paramref name="path"/> (components, see <see cref="SnapshotPath"/>) and every
    /// tree below its end. Throws <see cref="AgentException"/> when the path is not in the snapshot.
    /// </summary>
    public async Task<SnapshotTree> LoadAsync(BlobRef root, IReadOnlyList<byte[]> path, CancellationToken cancellationToken)
    {
        var tree = new SnapshotTree(root);
        var current = root;
        for (int depth = 0; ; depth++)
        {
            await FetchAsync(tree, [current], cancellationToken);
            await FetchAsync(tree, SpanRuns(tree, current), cancellationToken);
            if (!tree.TryGet(current.Id, out var nodes, out var error))
                throw new AgentException($"cannot read directory '{PathBytes.Printable(TreePath.Join(path, depth))}' of the snapshot: {error}");
            if (depth == path.Count)
                break;
            var node = TreePath.Find(nodes, path[depth])
                ?? throw new AgentException($"'{PathBytes.Printable(TreePath.Join(path, depth + 1))}' is not in the snapshot");
            if (node.Type != NodeType.Directory)
            {
                if (depth == path.Count - 1)
                    return tree; // the path names a file, symlink or FIFO: nothing below it to load
                throw new AgentException($"'{PathBytes.Printable(TreePath.Join(path, depth + 1))}' is not a directory in the snapshot");
            }
            current = node.Subtree!.Value;
        }
        await LoadBelowAsync(tree, current, cancellationToken);
        return tree;
    }

    /// <summary>Loads every tree reachable from the (already loaded) tree <paramref name="start"/>, level by level.</summary>
    public async Task LoadBelowAsync(SnapshotTree tree, BlobRef start, CancellationToken cancellationToken)
    {
        var level = new List<BlobRef> { start };
        while (level.Count > 0)
        {
            var next = new List<BlobRef>();
            var queued = new HashSet<BlobId>();
            foreach (var reference in level)
            {
                // As stored: a tree of spans leads to its runs (the next level), and they to the subdirectories.
                if (!tree.TryGetStored(reference.Id, out var nodes, out _))
                    continue;
                foreach (var node in nodes)
                {
                    if (node.Subtree is { } child && !tree.Contains(child.Id) && queued.Add(child.Id))
                        next.Add(child);
                }
            }
            await FetchAsync(tree, next, cancellationToken);
            level = next;
        }
    }

    /// <summary>The runs of <paramref name="directory"/> if its (loaded) tree is a tree of spans, else none.</summary>
    private static List<BlobRef> SpanRuns(SnapshotTree tree, BlobRef directory) =>
        tree.TryGetStored(directory.Id, out var nodes, out _) && TreeSpans.AreSpans(nodes) ? [.. nodes.Select(n => n.Subtree!.Value)] : [];

    /// <summary>Fetches and decodes the trees not yet in <paramref name="tree"/>, at most MaxReadIds per request.</summary>
    public async Task FetchAsync(SnapshotTree tree, IReadOnlyList<BlobRef> references, CancellationToken cancellationToken)
    {
        var wanted = new List<BlobRef>();
        var seen = new HashSet<BlobId>();
        foreach (var reference in references)
        {
            if (!tree.Contains(reference.Id) && seen.Add(reference.Id))
                wanted.Add(reference);
        }
        for (int start = 0; start < wanted.Count; start += ProtocolLimits.MaxReadIds)
        {
            var batch = wanted.GetRange(start, Math.Min(ProtocolLimits.MaxReadIds, wanted.Count - start));
            var ids = batch.ConvertAll(r => r.Id);
            int index = 0;
            await source.ReadBlobsAsync(ids, (id, blob) => Decode(tree, batch[index++], blob.Span), cancellationToken);
        }
    }

    private static void Decode(SnapshotTree tree, in BlobRef reference, ReadOnlySpan<byte> blob)
    {
        try
        {
            tree.Add(reference.Id, TreeBlob.Open(reference, blob));
        }
        catch (CoStorException e)
        {
            tree.AddError(reference.Id, $"tree {reference.Id}: {e.Message}");
        }
    }
}
