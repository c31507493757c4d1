using CoStor.Agent.FileSystem;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.Backup;

/// <summary>
/// One entry found by the walk, later turned into a <see cref="TreeNode"/>. Directories hold their children;
/// regular files get <see cref="Content"/> filled in by the readers and the chunk uploader.
/// </summary>
public sealed class SourceNode(byte[] name, byte[] path, PosixStat stat)
{
    public byte[] Name { get; } = name;
    public byte[] Path { get; } = path;
    public PosixStat Stat { get; set; } = stat;
    public byte[] LinkTarget { get; set; } = [];
    public IReadOnlyList<Xattr> Xattrs { get; set; } = [];
    public List<SourceNode>? Children { get; set; }
    public ChunkRef[] Content { get; set; } = [];

    /// <summary>Set by the walk when the entry's directory listing showed it has no extended attributes (none to read by path).</summary>
    public bool NoXattrs { get; set; }

    /// <summary>Set when the entry vanished or could not be read: it is left out of the snapshot.</summary>
    public bool Omitted { get; set; }

    public BlobRef? Subtree { get; set; }

    public NodeType? Type => Stat.IsDirectory ? NodeType.Directory
        : Stat.IsRegular ? NodeType.File
        : Stat.IsSymlink ? NodeType.Symlink
        : Stat.IsFifo ? NodeType.Fifo
        : null;

    /// <summary>Non-zero for a file with several names, shared by every name of the same inode.</summary>
    public ulong HardlinkId
    {
        get
        {
            if (!Stat.IsRegular || Stat.LinkCount < 2)
                return 0;
            // Deterministic, so an unchanged directory encodes to the same tree bytes in every backup.
            var id = (Stat.Device * 0x9E3779B97F4A7C15UL) ^ Stat.Inode;
            return id == 0 ? 1 : id;
        }
    }

    public TreeNode ToTreeNode() => new()
    {
        Name = Name,
        Type = Type!.Value,
        Mode = Stat.Permissions,
        Uid = Stat.Uid,
        Gid = Stat.Gid,
        MtimeNs = Stat.MtimeNs,
        Size = Stat.IsRegular ? Stat.Size : 0,
        HardlinkId = HardlinkId,
        LinkTarget = LinkTarget,
        Xattrs = Xattrs,
        Subtree = Subtree,
        Content = Content,
    };
}
