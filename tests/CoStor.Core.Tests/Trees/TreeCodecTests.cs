using System.Buffers;
using System.Text;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Core.Tests.Trees;

public class TreeCodecTests
{
    [Test]
    public async Task Round_trip_sorts_entries_and_xattrs_by_bytes()
    {
        var nodes = TreeSamples.Mixed();
        var decoded = TreeCodec.Decode(TreeCodec.Encode(nodes));
        var expectedOrder = nodes.Select(n => n.Name).Order(Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)));
        await Assert.That(decoded.Select(n => Convert.ToHexString(n.Name)).SequenceEqual(expectedOrder.Select(Convert.ToHexString))).IsTrue();
        await Assert.That(decoded[0].Name[0]).IsEqualTo((byte)'Z');
        var file = decoded.Single(n => n.Name.AsSpan().SequenceEqual("zeta.txt"u8));
        await Assert.That(file.Xattrs[0].Name).IsEqualTo("user.a");
        await Assert.That(file.Content.Count).IsEqualTo(2);
        await Assert.That(file.HardlinkId).IsEqualTo(7UL);
        await Assert.That(decoded.Single(n => n.Type == NodeType.Symlink).LinkTarget.SequenceEqual("../target/ü"u8.ToArray())).IsTrue();
        await Assert.That(decoded.Single(n => n.Type == NodeType.Directory).Subtree).IsEqualTo(TreeSamples.Ref(3));
        await Assert.That(decoded.Any(n => n.Name.Length == 255)).IsTrue();
    }

    [Test]
    public async Task Encoding_is_canonical_regardless_of_input_order()
    {
        var nodes = TreeSamples.Mixed();
        var a = TreeCodec.Encode(nodes);
        nodes.Reverse();
        var b = TreeCodec.Encode(nodes);
        await Assert.That(Convert.ToHexString(b)).IsEqualTo(Convert.ToHexString(a));
        await Assert.That(Convert.ToHexString(TreeCodec.Encode(TreeCodec.Decode(a)))).IsEqualTo(Convert.ToHexString(a));
    }

    [Test]
    public async Task Encoding_into_a_reused_writer_appends_the_same_bytes()
    {
        var expected = TreeCodec.Encode(TreeSamples.Mixed());
        var writer = new ArrayBufferWriter<byte>();
        writer.Write("prefix"u8);
        TreeCodec.Encode(TreeSamples.Mixed(), writer);
        await Assert.That(Convert.ToHexString(writer.WrittenSpan[6..])).IsEqualTo(Convert.ToHexString(expected));
        await Assert.That(Encoding.ASCII.GetString(writer.WrittenSpan[..6])).IsEqualTo("prefix");

        // Reset and reused for a smaller tree: only the new tree's bytes are written, nothing of the old one.
        writer.ResetWrittenCount();
        TreeCodec.Encode([], writer);
        await Assert.That(Convert.ToHexString(writer.WrittenSpan)).IsEqualTo(Convert.ToHexString(TreeCodec.Encode([])));
    }

    [Test]
    public async Task Empty_tree_round_trips()
    {
        var bytes = TreeCodec.Encode([]);
        await Assert.That(Convert.ToHexString(bytes)).IsEqualTo("435354520100");
        await Assert.That(TreeCodec.Decode(bytes).Count).IsEqualTo(0);
    }

    [Test]
    [Arguments("")]
    [Arguments(".")]
    [Arguments("..")]
    [Arguments("a/b")]
    [Arguments("a\0b")]
    public async Task Invalid_names_are_rejected_by_the_encoder(string name)
    {
        var node = new TreeNode { Name = Encoding.UTF8.GetBytes(name), Type = NodeType.Fifo };
        await Assert.That(TreeNames.IsValid(node.Name)).IsFalse();
        await Assert.That(() => TreeCodec.Encode([node])).Throws<ArgumentException>();
    }

    [Test]
    public async Task Encoder_rejects_inconsistent_nodes()
    {
        var name = "x"u8.ToArray();
        TreeNode[] bad =
        [
            new() { Name = new byte[256], Type = NodeType.File },
            new() { Name = name, Type = NodeType.Directory },
            new() { Name = name, Type = NodeType.File, Subtree = TreeSamples.Ref(1) },
            new() { Name = name, Type = NodeType.Fifo, Size = 1 },
            new() { Name = name, Type = NodeType.File, LinkTarget = [1] },
            new() { Name = name, Type = NodeType.File, Mode = Convert.ToUInt32("10000", 8) },
            new() { Name = name, Type = (NodeType)9 },
            new() { Name = name, Type = NodeType.File, Content = [new(TreeSamples.Ref(1), 0)] },
            new() { Name = name, Type = NodeType.File, Xattrs = [new("a", []), new("a", [])] },
            new() { Name = name, Type = NodeType.File, Xattrs = [new("", [])] },
        ];
        foreach (var node in bad)
        {
            await Assert.That(() => TreeCodec.Encode([node])).Throws<ArgumentException>();
        }

        var dup = new TreeNode { Name = name, Type = NodeType.Fifo };
        await Assert.That(() => TreeCodec.Encode([dup, dup])).Throws<ArgumentException>();
    }

    [Test]
    public async Task Decoder_rejects_truncation_at_every_length()
    {
        var bytes = TreeCodec.Encode(TreeSamples.Mixed());
        for (int length = 0; length < bytes.Length; length++)
        {
            await Assert.That(() => TreeCodec.Decode(bytes.AsSpan(0, length))).Throws<CorruptTreeException>();
        }
    }

    [Test]
    public async Task Decoder_rejects_trailing_bytes_version_and_magic()
    {
        var bytes = TreeCodec.Encode(TreeSamples.Mixed());
        await Assert.That(() => TreeCodec.Decode([.. bytes, 0])).Throws<CorruptTreeException>();
        var version = (byte[])bytes.Clone();
        version[4] = 2;
        await Assert.That(() => TreeCodec.Decode(version)).Throws<CorruptTreeException>().WithMessageContaining("version 2");
        var magic = (byte[])bytes.Clone();
        magic[0] = (byte)'X';
        await Assert.That(() => TreeCodec.Decode(magic)).Throws<CorruptTreeException>();
    }

    [Test]
    public async Task Decoder_rejects_unsorted_duplicate_and_bad_names()
    {
        // Hand-built: "CSTR" v1, two fifo entries; the names are patched below.
        static byte[] Tree(byte first, byte second) =>
        [
            .. "CSTR"u8, 1, 2,
            .. Entry(first), .. Entry(second),
        ];
        static byte[] Entry(byte name) => [1, name, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        await Assert.That(TreeCodec.Decode(Tree((byte)'a', (byte)'b')).Count).IsEqualTo(2);
        await Assert.That(() => TreeCodec.Decode(Tree((byte)'b', (byte)'a'))).Throws<CorruptTreeException>();
        await Assert.That(() => TreeCodec.Decode(Tree((byte)'a', (byte)'a'))).Throws<CorruptTreeException>();
        await Assert.That(() => TreeCodec.Decode(Tree((byte)'/', (byte)'a'))).Throws<CorruptTreeException>();
        await Assert.That(() => TreeCodec.Decode(Tree((byte)'.', (byte)'a'))).Throws<CorruptTreeException>();
        await Assert.That(() => TreeCodec.Decode(Tree(0, (byte)'a'))).Throws<CorruptTreeException>();
    }

    [Test]
    public async Task Decoder_rejects_directory_without_subtree_and_overlong_varints()
    {
        byte[] dirWithoutSubtree = [.. "CSTR"u8, 1, 1, 1, (byte)'d', 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        await Assert.That(() => TreeCodec.Decode(dirWithoutSubtree)).Throws<CorruptTreeException>().WithMessageContaining("blob reference");
        byte[] overlongCount = [.. "CSTR"u8, 1, 0x80, 0x00];
        await Assert.That(() => TreeCodec.Decode(overlongCount)).Throws<CorruptTreeException>();
        byte[] hugeCount = [.. "CSTR"u8, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        await Assert.That(() => TreeCodec.Decode(hugeCount)).Throws<CorruptTreeException>();
    }
}
