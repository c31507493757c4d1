namespace CoStor.Agent.FileSystem;

/// <summary>
/// The metadata of one file-system entry, as lstat/fstat report it. <see cref="Mode"/> is the full st_mode
/// (type bits and permissions); times are nanoseconds since the Unix epoch; <see cref="Blocks"/> counts
/// 512-byte units actually allocated (small for sparse files).
/// </summary>
public readonly record struct PosixStat(
    uint Mode, uint Uid, uint Gid, long Size, long MtimeNs, long CtimeNs,
    ulong Inode, ulong Device, ulong LinkCount, long Blocks)
{
    public const uint TypeMask = 0xF000;     // S_IFMT
    public const uint TypeFifo = 0x1000;     // S_IFIFO
    public const uint TypeDirectory = 0x4000; // S_IFDIR
    public const uint TypeRegular = 0x8000;  // S_IFREG
    public const uint TypeSymlink = 0xA000;  // S_IFLNK

    public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;
    public bool IsRegular => (Mode & TypeMask) == TypeRegular;
    public bool IsSymlink => (Mode & TypeMask) == TypeSymlink;
    public bool IsFifo => (Mode & TypeMask) == TypeFifo;

    /// <summary>Permission bits including setuid, setgid and sticky (mode &amp; 07777).</summary>
    public uint Permissions => Mode & 0xFFF;
}
