using System.Buffers;
using System.Text;
using CoStor.Core.Blobs;
using CoStor.Core.Formats;

namespace CoStor.Core.Trees;

/// <summary>
/// Tree blob plain bytes (docs/design.md, "Trees"):
/// <code>
/// magic "CSTR" | version u8 = 1 | entry count varint
/// entry: name varint+bytes | type u8 | mode varint | uid varint | gid varint | mtime i64 LE | size varint
///        | hardlink u64 LE | target varint+bytes | xattrs varint count × (name varint+UTF-8, value varint+bytes)
///        | directories: subtree id (32) ‖ key (32) | files: varint count × (id (32) ‖ key (32) ‖ length varint)
/// </code>
/// Entries are sorted by name bytes (ordinal), xattrs by name bytes. The encoding is canonical: equal
/// directories give equal bytes (so they dedup), and the decoder accepts only what the encoder writes.
/// </summary>
public static partial class TreeCodec
{
    public const byte Version = 1;

    public const uint MaxMode = 0xFFF; // 07777

    internal static ReadOnlySpan<byte> Magic => "CSTR"u8;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// Encodes the entries of one directory, sorted by name. Throws <see cref="ArgumentException"/> for
    /// invalid or duplicate names, fields that do not fit the node type, or an encoding over 16 MiB.
    /// </summary>
    public static byte[] Encode(IEnumerable<TreeNode> nodes)
    {
        var w = new ArrayBufferWriter<byte>();
        Encode(nodes, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Like <see cref="Encode(IEnumerable{TreeNode})"/>, appending to <paramref name="destination"/>: a caller
    /// encoding thousands of directories reuses one writer instead of allocating (and faulting in) fresh memory
    /// for each. On an exception, what was appended is unspecified.
    /// </summary>
    public static void Encode(IEnumerable<TreeNode> nodes, ArrayBufferWriter<byte> destination)
    {
        var (count, written) = EncodeUnbounded(nodes, destination);
        if (written > BlobLimits.MaxMetadataPlainLength)
        {
            throw new ArgumentException(
                $"Tree of {count} entries encodes to {written} bytes, over the {BlobLimits.MaxMetadataPlainLength}-byte limit.",
                nameof(nodes));
        }
    }

    /// <summary>
    /// As <see cref="Encode(IEnumerable{TreeNode}, ArrayBufferWriter{byte})"/>, but returns false instead of
    /// throwing when the tree would be over 16 MiB (a directory that needs spans, <see cref="TreeSpans"/>).
    /// </summary>
    public static bool TryEncode(IEnumerable<TreeNode> nodes, ArrayBufferWriter<byte> destination) =>
        EncodeUnbounded(nodes, destination).Written <= BlobLimits.MaxMetadataPlainLength;

    /// <summary>Validates, sorts and encodes; returns the entry count and the bytes appended, whatever their number.</summary>
    private static (int Count, int Written) EncodeUnbounded(IEnumerable<TreeNode> nodes, ArrayBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(destination);
        var sorted = nodes.ToArray();
        foreach (var node in sorted)
        {
            Validate(node);
        }

        Array.Sort(sorted, static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i - 1].Name.AsSpan().SequenceEqual(sorted[i].Name))
            {
                throw new ArgumentException($"Duplicate tree entry name {TreeNames.Describe(sorted[i].Name)}.", nameof(nodes));
            }
        }

        if (MixesSpans(sorted))
        {
            throw new ArgumentException("A tree holds either spans or entries, not both.", nameof(nodes));
        }

        int start = destination.WrittenCount;
        destination.GetSpan(64 + sorted.Length * 64);
        destination.Bytes(Magic);
        destination.U8(Version);
        destination.Varint((ulong)sorted.Length);
        foreach (var node in sorted)
        {
            WriteNode(destination, node);
        }

        return (sorted.Length, destination.WrittenCount - start);
    }

    /// <summary>True when some nodes are spans and some are not (a tree holds one kind only).</summary>
    private static bool MixesSpans(IReadOnlyList<TreeNode> nodes)
    {
        var spans = 0;
        foreach (var node in nodes)
            spans += node.Type == NodeType.Span ? 1 : 0;
        return spans != 0 && spans != nodes.Count;
    }

    /// <summary>Bytes <paramref name="node"/> takes in a tree (its header excluded): how <see cref="TreeSpans"/> sizes runs.</summary>
    internal static int EncodedLength(TreeNode node)
    {
        Validate(node);
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>();
        scratch.ResetWrittenCount();
        WriteNode(scratch, node);
        return scratch.WrittenCount;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>Magic, version and the longest entry-count varint: what a tree adds to its entries.</summary>
    internal const int HeaderMaxLength = 4 + 1 + 5;

    private static void WriteNode(ArrayBufferWriter<byte> w, TreeNode node)
    {
        w.LengthPrefixed(node.Name);
        w.U8((byte)node.Type);
        w.Varint(node.Mode);
        w.Varint(node.Uid);
        w.Varint(node.Gid);
        w.I64(node.MtimeNs);
        w.Varint((ulong)node.Size);
        w.U64(node.HardlinkId);
        w.LengthPrefixed(node.LinkTarget);

        var xattrs = SortedXattrs(node);
        w.Varint((ulong)xattrs.Length);
        foreach (var (name, value) in xattrs)
        {
            w.LengthPrefixed(name);
            w.LengthPrefixed(value);
        }

        if (node.Type is NodeType.Directory or NodeType.Span)
        {
            WriteRef(w, node.Subtree!.Value);
        }
        else if (node.Type == NodeType.File)
        {
            w.Varint((ulong)node.Content.Count);
            foreach (var chunk in node.Content)
            {
                WriteRef(w, chunk.Ref);
                w.Varint((ulong)chunk.Length);
            }
        }
    }

    private static void WriteRef(ArrayBufferWriter<byte> w, in BlobRef reference)
    {
        var span = w.GetSpan(BlobId.Length + BlobKey.Length);
        reference.Id.WriteTo(span);
        reference.Key.WriteTo(span[BlobId.Length..]);
        w.Advance(BlobId.Length + BlobKey.Length);
    }

    private static (byte[] Name, byte[] Value)[] SortedXattrs(TreeNode node)
    {
        var result = new (byte[] Name, byte[] Value)[node.Xattrs.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (StrictUtf8.GetBytes(node.Xattrs[i].Name), node.Xattrs[i].Value);
        }

        Array.Sort(result, static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        for (int i = 1; i < result.Length; i++)
        {
            if (result[i - 1].Name.AsSpan().SequenceEqual(result[i].Name))
            {
                throw new ArgumentException($"Duplicate xattr \"{node.Xattrs[i].Name}\" on {TreeNames.Describe(node.Name)}.");
            }
        }

        return result;
    }

    private static void Validate(TreeNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Problem(node) is { } problem)
        {
            throw new ArgumentException(problem, "nodes");
        }
    }

    /// <summary>What is wrong with the node, or null. Messages are built only on failure: trees are encoded for
    /// every directory of every backup.</summary>
    private static string? Problem(TreeNode node)
    {
        string Name() => TreeNames.Describe(node.Name);
        if (!TreeNames.IsValid(node.Name))
            return $"Invalid tree entry name {Name()}: 1–255 bytes, no '/' or NUL, not '.' or '..'.";
        if (!Enum.IsDefined(node.Type))
            return $"Entry {Name()} has unknown type {(byte)node.Type}.";
        if (node.Mode > MaxMode)
            return $"Entry {Name()} has mode {Convert.ToString(node.Mode, 8)}; only permission bits (07777) are stored.";
        if (node.Size < 0)
            return $"Entry {Name()} has negative size {node.Size}.";
        if (node.Type != NodeType.File && node.Size != 0)
            return $"Entry {Name()} is a {node.Type} with non-zero size.";
        if (node.Type != NodeType.Symlink && node.LinkTarget.Length != 0)
            return $"Entry {Name()} is a {node.Type} with a link target.";
        if ((node.Type is NodeType.Directory or NodeType.Span) != node.Subtree.HasValue)
            return node.Type is NodeType.Directory or NodeType.Span ? $"{node.Type} {Name()} has no subtree." : $"Entry {Name()} is a {node.Type} with a subtree.";
        if (node.Type == NodeType.Span && (node.Mode != 0 || node.Uid != 0 || node.Gid != 0 || node.MtimeNs != 0 || node.HardlinkId != 0 || node.Xattrs.Count != 0))
            return $"Span {Name()} carries metadata; a span holds only its subtree.";
        if (node.Type != NodeType.File && node.Content.Count != 0)
            return $"Entry {Name()} is a {node.Type} with content.";
        foreach (var chunk in node.Content)
        {
            if (chunk.Length is <= 0 or > BlobLimits.MaxDataPlainLength)
                return $"Entry {Name()} has a chunk of {chunk.Length} bytes (must be 1 to {BlobLimits.MaxDataPlainLength}).";
        }

        foreach (var xattr in node.Xattrs)
        {
            if (!IsValidXattrName(xattr.Name))
                return $"Entry {Name()} has invalid xattr name \"{xattr.Name}\" (1–255 UTF-8 bytes, no NUL).";
            if (xattr.Value.Length > Xattr.MaxValueLength)
                return $"Entry {Name()} has xattr \"{xattr.Name}\" of {xattr.Value.Length} bytes (max {Xattr.MaxValueLength}).";
        }

        return null;
    }

    private static bool IsValidXattrName(string value)
    {
        if (value.Length == 0 || value.Contains('\0'))
        {
            return false;
        }

        try
        {
            return StrictUtf8.GetByteCount(value) <= Xattr.MaxNameLength;
        }
        catch (EncoderFallbackException)
        {
            return false; // lone surrogate
        }
    }
}
