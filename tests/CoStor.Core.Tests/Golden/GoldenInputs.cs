using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Keys;
using CoStor.Core.Packs;
using CoStor.Core.Trees;

namespace CoStor.Core.Tests.Golden;

/// <summary>
/// FROZEN inputs of the version-1 golden files in tests/testdata/v1. Never edit: the files are read
/// forever after. A new format version gets new inputs and a new folder.
/// </summary>
internal static class GoldenInputs
{
    public static readonly SiteKeyring Keyring = SiteKeyring.FromMaster(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    public const string AgentId = "agent-1";
    public const string SiteName = "golden-site";
    public static readonly byte[] MachineKey = Enumerable.Repeat((byte)0x42, 32).ToArray();
    public static readonly RecoveryKey Recovery = RecoveryKey.FromBytes(Enumerable.Range(0x20, 32).Select(i => (byte)i).ToArray());
    public static readonly byte[] Salt = Enumerable.Repeat((byte)0x01, KeyringFile.SaltLength).ToArray();
    public static readonly byte[] Nonce = Enumerable.Repeat((byte)0x02, KeyringFile.NonceLength).ToArray();

    /// <summary>1000 incompressible bytes (HKDF-Expand output, so no RNG algorithm is involved).</summary>
    public static byte[] RawPlain() =>
        HKDF.Expand(HashAlgorithmName.SHA256, Enumerable.Repeat((byte)0x11, 32).ToArray(), 1000, "costor golden raw"u8.ToArray());

    /// <summary>Repetitive text that zstd shrinks.</summary>
    public static byte[] ZstdPlain() =>
        System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i % 17}: the quick brown fox\n")));

    private static BlobRef Ref(byte seed) => new(
        BlobId.Read(Enumerable.Repeat(seed, 32).ToArray()),
        BlobKey.Read(Enumerable.Repeat((byte)(seed ^ 0xFF), 32).ToArray()));

    public static List<TreeNode> Tree() =>
    [
        new() { Name = "file.txt"u8.ToArray(), Type = NodeType.File, Mode = 0x1A4 /* 0644 */, Uid = 1000, Gid = 100,
            MtimeNs = 1_700_000_000_123_456_789, Size = 5_000_000, HardlinkId = 7,
            Content = [new ChunkRef(Ref(1), 4_000_000), new ChunkRef(Ref(2), 1_000_000)],
            Xattrs = [new Xattr("user.b", [2]), new Xattr("user.a", "α"u8.ToArray())] },
        new() { Name = "link"u8.ToArray(), Type = NodeType.Symlink, Mode = 0x1FF /* 0777 */, MtimeNs = -5,
            LinkTarget = "../target/ü"u8.ToArray() },
        new() { Name = "sub"u8.ToArray(), Type = NodeType.Directory, Mode = 0x3ED /* 01755 */, Uid = uint.MaxValue,
            Subtree = Ref(3) },
        new() { Name = [0xFF, 0xFE, (byte)'x'], Type = NodeType.Fifo, Mode = 0x180 /* 0600 */ },
        new() { Name = Enumerable.Repeat((byte)'n', 255).ToArray(), Type = NodeType.File, Mode = 0x9ED /* 04755 */,
            HardlinkId = 7 },
    ];

    /// <summary>The tree of a directory split in three runs (<see cref="TreeSpans"/>): spans named after each run's first entry.</summary>
    public static List<TreeNode> SpanTree() =>
    [
        TreeSpans.Span("a"u8.ToArray(), Ref(4)),
        TreeSpans.Span("m"u8.ToArray(), Ref(5)),
        TreeSpans.Span([0xFF, 0x01], Ref(6)),
    ];

    /// <summary>The three golden blobs: (file name, type, plain, keying key).</summary>
    public static List<(string File, BlobType Type, byte[] Plain, byte[] KeyingKey)> Blobs() =>
    [
        ("blob-data-raw.bin", BlobType.Data, RawPlain(), Keyring.ConvergenceKey),
        ("blob-data-zstd.bin", BlobType.Data, ZstdPlain(), Keyring.ConvergenceKey),
        ("blob-tree.bin", BlobType.Tree, TreeCodec.Encode(Tree()), Keyring.MetadataKey(AgentId)),
    ];

    public static byte[] Pack()
    {
        using var ms = new MemoryStream();
        var writer = new PackWriter(ms);
        foreach (var (_, type, plain, keyingKey) in Blobs())
        {
            var b = BlobSealer.Seal(plain, keyingKey);
            writer.Append(type, b.Ref.Id, b.Blob);
        }

        writer.Finish();
        return ms.ToArray();
    }

    public static byte[] SealedKeyring() =>
        KeyringFile.Write(Keyring, SiteName, KeyringKind.MachineSealed, MachineKey, Salt, Nonce);

    public static byte[] RecoveryKeyring() =>
        KeyringFile.Write(Keyring, SiteName, KeyringKind.RecoveryWrapped, Recovery.Bytes, Salt, Nonce);
}
