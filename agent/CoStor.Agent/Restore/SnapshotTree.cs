using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// The decoded directory trees of (part of) one snapshot, keyed by tree blob id: identical directories are
/// stored once. A tree that could not be fetched, verified or decoded is kept as its error message, so a
/// walker can report it under the path where it meets it and go on with the rest.
/// </summary>
public sealed class SnapshotTree(BlobRef root)
{
    private readonly Dictionary<BlobId, IReadOnlyList<TreeNode>> _trees = [];
    private readonly Dictionary<BlobId, string> _errors = [];

    /// <summary>The snapshot's root tree (the directory "/").</summary>
    public BlobRef Root { get; } = root;

    /// <summary>Number of distinct trees held (decoded or failed).</summary>
    public int Count => _trees.Count + _errors.Count;

    public bool Contains(BlobId id) => _trees.ContainsKey(id) || _errors.ContainsKey(id);

    internal void Add(BlobId id, IReadOnlyList<TreeNode> nodes) => _trees[id] = nodes;

    internal void AddError(BlobId id, string error) => _errors[id] = error;

    /// <summary>The entries of tree <paramref name="id"/>; false with the reason when it could not be read or was never loaded.</summary>
    public bool TryGet(BlobId id, out IReadOnlyList<TreeNode> nodes, out string error)
    {
        if (_trees.TryGetValue(id, out var found))
        {
            nodes = found;
            error = "";
            return true;
        }
        nodes = [];
        error = _errors.GetValueOrDefault(id, "tree was not loaded");
        return false;
    }
}
