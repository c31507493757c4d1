using System.Buffers;
using System.Collections.Concurrent;
using CoStor.Agent.State;
using CoStor.Core;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.Backup;

/// <summary>Seals a walked directory tree into tree blobs with the agent's metadata key.</summary>
public static class TreeSealer
{
    /// <summary>
    /// Seals the directory tree bottom-up, one depth at a time with every directory of a depth on parallel
    /// threads (a directory needs its subdirectories' references, all of which are one depth below). Flat
    /// loops rather than nested ones: a parallel loop per directory waiting on its children's loops tied up
    /// thread-pool threads and sealed on fewer cores than it asked for. Trees the agent already had
    /// acknowledged are not re-sent.
    /// </summary>
    public static BlobRef Seal(SourceNode root, byte[] metadataKey, BlobLog log, ConcurrentDictionary<BlobId, SealedBlob> upload)
    {
        var levels = new List<List<SourceNode>>();
        for (List<SourceNode> level = [root]; level.Count > 0; level = [.. level.SelectMany(Subdirectories)])
            levels.Add(level);
        for (var depth = levels.Count - 1; depth >= 0; depth--)
            Parallel.ForEach(levels[depth], Parallelism.AllCores, directory => directory.Subtree = SealDirectory(directory, metadataKey, log, upload));
        return root.Subtree!.Value;
    }

    private static IEnumerable<SourceNode> Subdirectories(SourceNode directory) =>
        (directory.Children ?? []).Where(c => !c.Omitted && c.Children is not null);

    /// <summary>
    /// Seals one directory's tree; a directory too large for one tree (about 170,000 entries) is sealed as runs
    /// of entries and a tree of spans naming them (<see cref="TreeSpans"/>).
    /// </summary>
    private static BlobRef SealDirectory(SourceNode directory, byte[] metadataKey, BlobLog log, ConcurrentDictionary<BlobId, SealedBlob> upload)
    {
        // One encoding buffer per sealing thread, reused for every directory it seals (a first backup seals
        // thousands; fresh buffers for each were a large part of the sealing time, spent faulting in new pages).
        var encoded = t_treeEncoding ??= new ArrayBufferWriter<byte>();
        var entries = (directory.Children ?? []).Where(c => !c.Omitted).Select(c => c.ToTreeNode()).ToList();
        encoded.ResetWrittenCount();
        if (TreeCodec.TryEncode(entries, encoded))
            return SealTreeBytes(encoded.WrittenSpan, metadataKey, log, upload);
        var spans = new List<TreeNode>();
        foreach (var run in TreeSpans.Split(entries))
        {
            encoded.ResetWrittenCount();
            TreeCodec.Encode(run, encoded);
            spans.Add(TreeSpans.Span(run[0].Name, SealTreeBytes(encoded.WrittenSpan, metadataKey, log, upload)));
        }
        encoded.ResetWrittenCount();
        TreeCodec.Encode(spans, encoded);
        return SealTreeBytes(encoded.WrittenSpan, metadataKey, log, upload);
    }

    /// <summary>Seals one encoded tree and queues it for upload unless the appliance already acknowledged it.</summary>
    private static BlobRef SealTreeBytes(ReadOnlySpan<byte> tree, byte[] metadataKey, BlobLog log, ConcurrentDictionary<BlobId, SealedBlob> upload)
    {
        var sealedTree = BlobSealer.Seal(tree, metadataKey);
        if (!log.HasTree(sealedTree.Ref.Id))
            upload.TryAdd(sealedTree.Ref.Id, sealedTree);
        return sealedTree.Ref;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_treeEncoding;
}
