using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Core.Tests.Trees;

/// <summary>Fixed trees used by the codec tests and the golden file.</summary>
internal static class TreeSamples
{
    public static BlobRef Ref(byte seed) => new(
        BlobId.Read(Enumerable.Repeat(seed, 32).ToArray()),
        BlobKey.Read(Enumerable.Repeat((byte)(seed ^ 0xFF), 32).ToArray()));

    /// <summary>One of each node type, a non-UTF-8 name, a 255-byte name, xattrs and hard links.</summary>
    public static List<TreeNode> Mixed() =>
    [
        new() { Name = "zeta.txt"u8.ToArray(), Type = NodeType.File, Mode = Convert.ToUInt32("644", 8), Uid = 1000, Gid = 1000,
            MtimeNs = 1_700_000_000_123_456_789, Size = 5_000_000, HardlinkId = 7,
            Content = [new ChunkRef(Ref(1), 4_000_000), new ChunkRef(Ref(2), 1_000_000)],
            Xattrs = [new Xattr("user.b", [2]), new Xattr("user.a", "α"u8.ToArray())] },
        new() { Name = "link"u8.ToArray(), Type = NodeType.Symlink, Mode = Convert.ToUInt32("777", 8), MtimeNs = -5,
            LinkTarget = "../target/ü"u8.ToArray() },
        new() { Name = "sub"u8.ToArray(), Type = NodeType.Directory, Mode = Convert.ToUInt32("1755", 8), Uid = uint.MaxValue,
            Gid = 0, MtimeNs = 0, Subtree = Ref(3) },
        new() { Name = [0xFF, 0xFE, (byte)'x'], Type = NodeType.Fifo, Mode = Convert.ToUInt32("600", 8) },
        new() { Name = Enumerable.Repeat((byte)'n', 255).ToArray(), Type = NodeType.File, Mode = Convert.ToUInt32("4755", 8),
            HardlinkId = 7, Size = 0 },
        new() { Name = "Zeta.txt"u8.ToArray(), Type = NodeType.File, Mode = Convert.ToUInt32("644", 8), Size = 3,
            Content = [new ChunkRef(Ref(4), 3)] },
    ];

    /// <summary>Text form of every field, for comparing decoded trees.</summary>
    public static string Describe(IEnumerable<TreeNode> nodes) => string.Join("\n", nodes.Select(n =>
        $"{Convert.ToHexString(n.Name)} {n.Type} {n.Mode} {n.Uid} {n.Gid} {n.MtimeNs} {n.Size} {n.HardlinkId} " +
        $"{Convert.ToHexString(n.LinkTarget)} [{string.Join(",", n.Xattrs.Select(x => x.Name + "=" + Convert.ToHexString(x.Value)))}] " +
        $"{n.Subtree} [{string.Join(",", n.Content)}]"));
}
