using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// The decoded directory trees of (part of) one snapshot, keyed by tree blob id: identical directories are
/// stored once. A tree that could not be fetched, verified or decoded is kept as its error message, so a
/// walker can report it under the path where it meets it and go on with the rest. A large directory's tree of
/// spans is read as the entries of its runs (<see cref="TreeSpans"/>).
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

    /// <summary>
    /// The entries of the directory whose tree is <paramref name="id"/> (for a tree of spans, its runs' entries);
    /// false with the reason when it, or one of its runs, could not be read or was never loaded.
    /// </summary>
    public bool TryGet(BlobId id, out IReadOnlyList<TreeNode> nodes, out string error)
    {
        if (!TryGetStored(id, out nodes, out error))
            return false;
        if (!TreeSpans.AreSpans(nodes))
            return true;
        try
        {
            nodes = TreeSpans.Join(nodes, run => TryGetStored(run.Id, out var entries, out var runError)
                ? entries
                : throw new CorruptTreeException($"span tree {run.Id}: {runError}"));
            return true;
        }
        catch (CorruptTreeException e)
        {
            nodes = [];
            error = e.Message;
            return false;
        }
    }

    /// <summary>The entries of tree <paramref name="id"/> as stored (spans not joined): what the loader follows.</summary>
    internal bool TryGetStored(BlobId id, out IReadOnlyList<TreeNode> nodes, out string error)
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
