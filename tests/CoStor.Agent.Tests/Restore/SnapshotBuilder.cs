using System.Text;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.Tests.Restore;

/// <summary>Builds snapshot trees and file content in memory, sealed as the real formats, into a <see cref="MemoryBlobSource"/>.</summary>
public sealed class SnapshotBuilder
{
    public const long Mtime = 1_700_000_000_123_456_789L;
    private static readonly byte[] MetadataKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] ConvergenceKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    public MemoryBlobSource Source { get; } = new();

    public static uint Octal(string mode) => Convert.ToUInt32(mode, 8);

    public BlobRef Tree(params TreeNode[] nodes) => RawTree(TreeCodec.Encode(nodes));

    /// <summary>Seals tree bytes as given, valid or not.</summary>
    public BlobRef RawTree(byte[] plain)
    {
        var sealedBlob = BlobSealer.Seal(plain, MetadataKey);
        Source.Add(sealedBlob);
        return sealedBlob.Ref;
    }

    /// <summary>Splits <paramref name="data"/> into chunks of <paramref name="chunkSize"/> bytes, each sealed as a data blob.</summary>
    public List<ChunkRef> Chunks(byte[] data, int chunkSize)
    {
        var chunks = new List<ChunkRef>();
        for (int offset = 0; offset < data.Length; offset += chunkSize)
        {
            var piece = data.AsSpan(offset, Math.Min(chunkSize, data.Length - offset));
            var sealedBlob = BlobSealer.Seal(piece, ConvergenceKey);
            Source.Add(sealedBlob);
            chunks.Add(new ChunkRef(sealedBlob.Ref, piece.Length));
        }
        return chunks;
    }

    public TreeNode File(string name, byte[] data, int chunkSize = 1 << 20, string mode = "644", long mtime = Mtime,
        ulong hardlink = 0, IReadOnlyList<Xattr>? xattrs = null) => new()
    {
        Name = Encoding.UTF8.GetBytes(name), Type = NodeType.File, Mode = Octal(mode), MtimeNs = mtime, Size = data.Length,
        HardlinkId = hardlink, Content = Chunks(data, chunkSize), Xattrs = xattrs ?? [], Uid = 1001, Gid = 1002,
    };

    public static TreeNode Dir(string name, BlobRef subtree, string mode = "755", long mtime = Mtime) => new()
    {
        Name = Encoding.UTF8.GetBytes(name), Type = NodeType.Directory, Mode = Octal(mode), MtimeNs = mtime, Subtree = subtree,
    };

    public TreeNode Dir(string name, params TreeNode[] children) => Dir(name, Tree(children));

    public static TreeNode Symlink(string name, string target, ulong hardlink = 0) => new()
    {
        Name = Encoding.UTF8.GetBytes(name), Type = NodeType.Symlink, Mode = Octal("777"), MtimeNs = Mtime,
        LinkTarget = Encoding.UTF8.GetBytes(target), HardlinkId = hardlink,
    };

    public static TreeNode Fifo(string name, string mode = "640") => new()
    {
        Name = Encoding.UTF8.GetBytes(name), Type = NodeType.Fifo, Mode = Octal(mode), MtimeNs = Mtime,
    };

    /// <summary>Deterministic pseudo-random bytes (incompressible, so blobs stay raw-sized).</summary>
    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
