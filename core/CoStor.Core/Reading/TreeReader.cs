using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Core.Reading;

/// <summary>
/// Reads a snapshot's directories one at a time from an <see cref="IBlobReader"/>: each tree is verified,
/// decrypted with the key its parent holds and decoded (<see cref="TreeBlob.Open"/>); a tree of spans is read as
/// its runs' entries (<see cref="TreeSpans.Join"/>). Recently read small directories are kept (bounded by their
/// entry count), so walking the same path in many snapshots — whose unchanged directories share one tree —
/// decodes each tree once. Throws <see cref="MissingBlobException"/>, <see cref="CorruptBlobException"/> or
/// <see cref="CorruptTreeException"/>. Not thread-safe, like its reader.
/// </summary>
public sealed class TreeReader(IBlobReader blobs, int cachedEntries = 20_000)
{
    private readonly Dictionary<BlobId, IReadOnlyList<TreeNode>> _cache = [];
    private readonly Queue<BlobId> _order = new();
    private int _cachedCount;

    /// <summary>Trees decoded so far (cache hits excluded): what bounds a search's work.</summary>
    public int TreesRead { get; private set; }

    /// <summary>The entries of the directory whose tree is <paramref name="tree"/>, sorted by name bytes.</summary>
    public IReadOnlyList<TreeNode> Directory(in BlobRef tree)
    {
        if (_cache.TryGetValue(tree.Id, out var cached))
            return cached;
        var nodes = Decode(tree);
        if (TreeSpans.AreSpans(nodes))
            nodes = TreeSpans.Join(nodes, Decode);
        Remember(tree.Id, nodes);
        return nodes;
    }

    /// <summary>
    /// The entry at <paramref name="path"/> (name components) below <paramref name="root"/>; null when some
    /// component is missing or a component before the last is not a directory. The empty path gives a
    /// directory entry with an empty name standing for the root.
    /// </summary>
    public TreeNode? Resolve(BlobRef root, IReadOnlyList<byte[]> path)
    {
        var node = Root(root);
        foreach (var name in path)
        {
            if (node.Type != NodeType.Directory)
                return null;
            if (TreePath.Find(Directory(node.Subtree!.Value), name) is not { } child)
                return null;
            node = child;
        }
        return node;
    }

    /// <summary>The directory entry that stands for a snapshot's root tree (it has no name of its own).</summary>
    public static TreeNode Root(BlobRef root) => new() { Name = [], Type = NodeType.Directory, Subtree = root };

    private IReadOnlyList<TreeNode> Decode(BlobRef tree)
    {
        TreesRead++;
        try
        {
            return TreeBlob.Open(tree, blobs.Read(tree.Id));
        }
        catch (Errors.CorruptBlobException) when (blobs.TryRepair(tree.Id))
        {
            return TreeBlob.Open(tree, blobs.Read(tree.Id));
        }
    }

    private void Remember(BlobId id, IReadOnlyList<TreeNode> nodes)
    {
        if (nodes.Count > cachedEntries / 4)
            return;
        _cache[id] = nodes;
        _order.Enqueue(id);
        _cachedCount += nodes.Count;
        while (_cachedCount > cachedEntries && _order.TryDequeue(out var oldest))
        {
            if (_cache.Remove(oldest, out var evicted))
                _cachedCount -= evicted.Count;
        }
    }
}
