using CoStor.Core.Blobs;

namespace CoStor.Core.Trees;

/// <summary>
/// One entry of a tree blob (docs/design.md, "Trees"). Which fields apply depends on <see cref="Type"/>:
/// only directories have a <see cref="Subtree"/>, only files have <see cref="Content"/> and a non-zero
/// <see cref="Size"/>, only symlinks have a <see cref="LinkTarget"/>. <see cref="TreeCodec"/> enforces this.
/// </summary>
public sealed class TreeNode
{
    /// <summary>Raw name bytes (1–255, no '/', no NUL, not "." or ".."); need not be UTF-8.</summary>
    public byte[] Name { get; init; } = [];

    public NodeType Type { get; init; }

    /// <summary>Permission bits: st_mode &amp; 07777.</summary>
    public uint Mode { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    /// <summary>Modification time, nanoseconds since the Unix epoch.</summary>
    public long MtimeNs { get; init; }

    /// <summary>File size in bytes; 0 for other types.</summary>
    public long Size { get; init; }

    /// <summary>0 when not hard-linked; else an id shared by all names of one inode in the snapshot.</summary>
    public ulong HardlinkId { get; init; }

    /// <summary>Symlink target bytes; empty for other types.</summary>
    public byte[] LinkTarget { get; init; } = [];

    /// <summary>Extended attributes; encoded sorted by name, names unique.</summary>
    public IReadOnlyList<Xattr> Xattrs { get; init; } = [];

    /// <summary>The child tree of a directory; null for other types.</summary>
    public BlobRef? Subtree { get; init; }

    /// <summary>The chunks of a file, in order; empty for other types and for empty files.</summary>
    public IReadOnlyList<ChunkRef> Content { get; init; } = [];
}
