using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// Walks a snapshot subtree depth-first in name order and feeds an <see cref="IArchiveSink"/>. Directories are read
/// as they are entered and dropped when left, so memory is the open directories along one path (plus a small
/// cache of recent trees), never the whole snapshot; file content streams one chunk at a time. The first name of
/// each hard-linked file is written as a file, later ones as links to it.
/// </summary>
internal sealed class ArchiveWalker(LocalBlobReader blobs, ChunkBuffers buffers, IArchiveSink sink, ArchiveFormat format, CancellationToken cancellationToken)
{
    private readonly TreeReader _trees = new(blobs);
    private readonly Dictionary<ulong, string> _hardlinks = [];

    public long Entries { get; private set; }

    /// <summary>Writes <paramref name="top"/> under its own name, or — for the snapshot root — what it holds.</summary>
    public void Write(TreeNode top, bool isRoot)
    {
        var stack = new Stack<(string Prefix, IReadOnlyList<TreeNode> Nodes, int Next)>();
        if (isRoot)
            stack.Push(("", _trees.Directory(top.Subtree!.Value), 0));
        else if (Emit("", top) is { } directory)
            stack.Push(directory);
        while (stack.TryPop(out var frame))
        {
            if (frame.Next == frame.Nodes.Count)
                continue;
            stack.Push(frame with { Next = frame.Next + 1 });
            if (Emit(frame.Prefix, frame.Nodes[frame.Next]) is { } child)
                stack.Push(child);
        }
    }

    /// <summary>Writes one entry; for a directory, returns the frame of what it holds.</summary>
    private (string, IReadOnlyList<TreeNode>, int)? Emit(string prefix, TreeNode node)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = ArchiveNames.Join(prefix, ArchiveNames.Component(node.Name, format));
        Entries++;
        switch (node.Type)
        {
            case NodeType.Directory:
                sink.Directory(name, node);
                return (name, _trees.Directory(node.Subtree!.Value), 0);
            case NodeType.File:
                WriteFile(name, node);
                return null;
            case NodeType.Symlink:
                sink.Symlink(name, node);
                return null;
            case NodeType.Fifo:
                sink.Fifo(name, node);
                return null;
            default:
                throw new CorruptTreeException($"Corrupt tree: unexpected {node.Type} {TreeNames.Describe(node.Name)} in a directory.");
        }
    }

    private void WriteFile(string name, TreeNode node)
    {
        bool compressible = Compressible(node);
        if (node.HardlinkId != 0 && _hardlinks.TryGetValue(node.HardlinkId, out var first))
        {
            sink.Hardlink(name, node, first, () => new FileContentStream(blobs, node, buffers: buffers), compressible);
            return;
        }
        if (node.HardlinkId != 0)
            _hardlinks[node.HardlinkId] = name;
        using var content = new FileContentStream(blobs, node, buffers: buffers);
        sink.File(name, node, content, compressible);
    }

    /// <summary>
    /// Whether the file's first chunk shrank when it was stored (zstd level 1 saves under 3% only on data that is
    /// already compressed or random): a cheap index lookup that spares deflating what will not deflate.
    /// </summary>
    private bool Compressible(TreeNode node)
    {
        if (node.Content.Count == 0)
            return false;
        var first = node.Content[0];
        if (blobs.Locate(first.Ref.Id) is not { } location)
            return true;
        long payload = location.Length - BlobCipher.Overhead - 1;
        return payload * 100 < first.Length * 97L;
    }
}
