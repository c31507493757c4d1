using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Tests.Support;

/// <summary>
/// Builds a snapshot on a <see cref="TestSite"/> from entries given in memory: chunks sealed with the site's
/// convergence key, trees with the agent's metadata key, everything uploaded as the agent and committed.
/// </summary>
public sealed class SnapshotMaker(TestSite site, string agent)
{
    private readonly List<byte[]> _data = [];
    private readonly List<byte[]> _trees = [];

    /// <summary>A file entry whose content is <paramref name="content"/>, cut into chunks of <paramref name="chunk"/> bytes.</summary>
    public TreeNode File(byte[] name, byte[] content, uint mode = 0x1a4, long mtimeNs = 1_700_000_000_000_000_000, int chunk = 1 << 20, ulong hardlink = 0)
    {
        var chunks = new List<ChunkRef>();
        for (int offset = 0; offset < content.Length; offset += chunk)
        {
            var sealedChunk = BlobSealer.Seal(content.AsSpan(offset, Math.Min(chunk, content.Length - offset)), site.Keys.Keyring.ConvergenceKey);
            _data.Add(sealedChunk.Blob);
            chunks.Add(new ChunkRef(sealedChunk.Ref, Math.Min(chunk, content.Length - offset)));
        }
        return new TreeNode { Name = name, Type = NodeType.File, Mode = mode, MtimeNs = mtimeNs, Size = content.Length, Content = chunks, HardlinkId = hardlink, Uid = 1000, Gid = 1000 };
    }

    public static TreeNode Symlink(byte[] name, byte[] target) => new() { Name = name, Type = NodeType.Symlink, Mode = 0x1ff, LinkTarget = target, MtimeNs = 1_600_000_000_000_000_000 };

    /// <summary>A directory entry holding <paramref name="entries"/> (its tree sealed now).</summary>
    public TreeNode Directory(byte[] name, IEnumerable<TreeNode> entries, uint mode = 0x1ed) =>
        new() { Name = name, Type = NodeType.Directory, Mode = mode, MtimeNs = 1_650_000_000_000_000_000, Subtree = Tree(entries) };

    /// <summary>Seals a tree of <paramref name="entries"/> and returns its reference.</summary>
    public BlobRef Tree(IEnumerable<TreeNode> entries)
    {
        var tree = BlobSealer.Seal(TreeCodec.Encode(entries), site.Keys.Keyring.MetadataKey(agent));
        _trees.Add(tree.Blob);
        return tree.Ref;
    }

    /// <summary>Uploads everything made so far and commits a snapshot whose root holds <paramref name="entries"/>; returns its id.</summary>
    public async Task<string> CommitAsync(IEnumerable<TreeNode> entries)
    {
        var root = Tree(entries);
        foreach (var batch in _data.Chunk(64))
            await site.UploadAsync(agent, BlobType.Data, batch);
        await site.UploadAsync(agent, BlobType.Tree, [.. _trees]);
        var request = new CommitRequest(site.Sessions.Start(agent).Id, "host", ["/data"], new BlobRefDto(root.Id.ToString(), root.Key.ToString()),
            new SnapshotStats(1, 0, 0, 0, 0), []);
        var outcome = await site.Committer.CommitAsync(site.Record(agent), request, CancellationToken.None);
        return outcome.Snapshot?.Id ?? throw new InvalidOperationException($"commit failed: {outcome.Status} {outcome.Error} {string.Join("; ", outcome.Problems)}");
    }
}
