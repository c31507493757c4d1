using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Formats;

namespace CoStor.Core.Trees;

public static partial class TreeCodec
{
    // name (2) + type + mode + uid + gid + mtime (8) + size + hardlink (8) + target + xattrs: the
    // smallest entry, used to bound the declared entry count before allocating for it.
    private const int MinEntryLength = 25;

    /// <summary>
    /// Decodes tree plain bytes. Throws <see cref="CorruptTreeException"/> on anything the format forbids:
    /// bad magic or unknown version, truncation, bad/duplicate/unsorted names, unknown types, fields that do
    /// not fit the type, a directory without subtree, non-canonical varints, or trailing bytes.
    /// </summary>
    public static IReadOnlyList<TreeNode> Decode(ReadOnlySpan<byte> plain)
    {
        var r = new ByteReader(plain, static m => new CorruptTreeException($"Corrupt tree: {m}."));
        if (!r.Bytes(Math.Min(4, plain.Length), "magic").SequenceEqual(Magic))
        {
            throw new CorruptTreeException("Corrupt tree: bad magic (expected \"CSTR\").");
        }

        byte version = r.U8("version");
        if (version != Version)
        {
            throw new CorruptTreeException($"Corrupt tree: unknown version {version} (this build reads version {Version}).");
        }

        int count = r.VarintInt("entry count", r.Remaining / MinEntryLength);
        var nodes = new TreeNode[count];
        ReadOnlySpan<byte> previous = default;
        for (int i = 0; i < count; i++)
        {
            var name = r.LengthPrefixed("name", TreeNames.MaxLength);
            if (!TreeNames.IsValid(name))
            {
                throw r.Error($"Invalid entry name {TreeNames.Describe(name)}");
            }

            if (i > 0 && previous.SequenceCompareTo(name) >= 0)
            {
                throw r.Error($"Entry {TreeNames.Describe(name)} is duplicate or out of order");
            }

            previous = name;
            nodes[i] = ReadNode(ref r, name.ToArray());
        }

        r.End("the last entry");
        if (MixesSpans(nodes))
        {
            throw new CorruptTreeException("Corrupt tree: it mixes spans with entries.");
        }

        return nodes;
    }

    private static TreeNode ReadNode(ref ByteReader r, byte[] name)
    {
        var type = (NodeType)r.U8("type");
        if (!Enum.IsDefined(type))
        {
            throw r.Error($"Entry {TreeNames.Describe(name)} has unknown type {(byte)type}");
        }

        uint mode = (uint)r.Varint("mode", MaxMode);
        uint uid = (uint)r.Varint("uid", uint.MaxValue);
        uint gid = (uint)r.Varint("gid", uint.MaxValue);
        long mtime = r.I64("mtime");
        long size = (long)r.Varint("size", long.MaxValue);
        ulong hardlink = r.U64("hardlink id");
        byte[] target = r.LengthPrefixed("link target", int.MaxValue).ToArray();
        if (size != 0 && type != NodeType.File || target.Length != 0 && type != NodeType.Symlink)
        {
            throw r.Error($"Entry {TreeNames.Describe(name)} is a {type} with a size or link target");
        }

        var xattrs = ReadXattrs(ref r);
        if (type == NodeType.Span && (mode != 0 || uid != 0 || gid != 0 || mtime != 0 || hardlink != 0 || xattrs.Count != 0))
        {
            throw r.Error($"Span {TreeNames.Describe(name)} carries metadata");
        }

        BlobRef? subtree = type is NodeType.Directory or NodeType.Span ? ReadRef(ref r) : null;
        IReadOnlyList<ChunkRef> content = [];
        if (type == NodeType.File)
        {
            var chunks = new ChunkRef[r.VarintInt("chunk count", r.Remaining / (BlobId.Length + BlobKey.Length + 1))];
            for (int i = 0; i < chunks.Length; i++)
            {
                var reference = ReadRef(ref r);
                int length = r.VarintInt("chunk length", BlobLimits.MaxDataPlainLength);
                chunks[i] = length > 0 ? new ChunkRef(reference, length) : throw r.Error("Empty chunk");
            }

            content = chunks;
        }

        return new TreeNode
        {
            Name = name, Type = type, Mode = mode, Uid = uid, Gid = gid, MtimeNs = mtime, Size = size,
            HardlinkId = hardlink, LinkTarget = target, Xattrs = xattrs, Subtree = subtree, Content = content,
        };
    }

    private static IReadOnlyList<Xattr> ReadXattrs(ref ByteReader r)
    {
        // Smallest xattr: name length + 1 byte + value length.
        int count = r.VarintInt("xattr count", r.Remaining / 3);
        if (count == 0)
        {
            return [];
        }

        var xattrs = new Xattr[count];
        ReadOnlySpan<byte> previous = default;
        for (int i = 0; i < count; i++)
        {
            int start = r.Position;
            var nameBytes = r.LengthPrefixed("xattr name", Xattr.MaxNameLength);
            if (nameBytes.IsEmpty || nameBytes.Contains((byte)0))
            {
                throw r.Error("Empty xattr name or NUL in it");
            }

            if (i > 0 && previous.SequenceCompareTo(nameBytes) >= 0)
            {
                throw r.Error("Xattr names are duplicate or out of order");
            }

            previous = nameBytes;
            string name = DecodeUtf8(ref r, nameBytes, start);
            xattrs[i] = new Xattr(name, r.LengthPrefixed("xattr value", Xattr.MaxValueLength).ToArray());
        }

        return xattrs;
    }

    private static string DecodeUtf8(ref ByteReader r, ReadOnlySpan<byte> bytes, int start)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new CorruptTreeException($"Corrupt tree: xattr name is not valid UTF-8 (at byte {start}).");
        }
    }

    private static BlobRef ReadRef(ref ByteReader r)
    {
        var bytes = r.Bytes(BlobId.Length + BlobKey.Length, "blob reference");
        return new BlobRef(BlobId.Read(bytes), BlobKey.Read(bytes[BlobId.Length..]));
    }
}
