using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// struct statx (linux/stat.h); the layout is the same on every architecture. Only the fields this layer
/// reads are declared. Timestamps are { s64 tv_sec; u32 tv_nsec; s32 reserved }.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    [FieldOffset(0)] public uint Mask;
    [FieldOffset(16)] public uint LinkCount;
    [FieldOffset(20)] public uint Uid;
    [FieldOffset(24)] public uint Gid;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(48)] public ulong Blocks;
    [FieldOffset(96)] public long CtimeSeconds;
    [FieldOffset(104)] public uint CtimeNanoseconds;
    [FieldOffset(112)] public long MtimeSeconds;
    [FieldOffset(120)] public uint MtimeNanoseconds;
    [FieldOffset(136)] public uint DevMajor;
    [FieldOffset(140)] public uint DevMinor;

    public readonly PosixStat ToPosixStat() => new(
        Mode: Mode,
        Uid: Uid,
        Gid: Gid,
        Size: (long)Size,
        MtimeNs: MtimeSeconds * 1_000_000_000L + MtimeNanoseconds,
        CtimeNs: CtimeSeconds * 1_000_000_000L + CtimeNanoseconds,
        Inode: Inode,
        Device: MakeDev(DevMajor, DevMinor),
        LinkCount: LinkCount,
        Blocks: (long)Blocks);

    /// <summary>glibc's makedev encoding, so <see cref="PosixStat.Device"/> equals st_dev from stat(2).</summary>
    private static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
        | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);
}
