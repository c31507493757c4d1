using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// What the files this process creates in one directory start with, learnt from the first of them (one fstat)
/// and from the directory (one fgetxattr): the owner is the same for every file a process creates in a directory
/// (its ids, or the directory's group where the directory is setgid or the mount says so), and the mode is the one
/// asked for less the process umask — unless the directory has a default ACL, which replaces the umask, or the
/// file system does not keep modes as asked (then the mode stays unknown).
/// </summary>
internal sealed class NewFileDefaults
{
    private static readonly byte[] DefaultAclName = "system.posix_acl_default\0"u8.ToArray();

    private readonly uint? _uid;
    private readonly uint? _gid;
    private readonly uint? _umask;

    private NewFileDefaults(uint? uid, uint? gid, uint? umask) => (_uid, _gid, _umask) = (uid, gid, umask);

    /// <summary>Learns the defaults from <paramref name="firstFile"/>, just created in <paramref name="directoryFd"/> with <paramref name="permissions"/>.</summary>
    public static NewFileDefaults Learn(int directoryFd, int firstFile, uint permissions)
    {
        if (Posix.StatAt(firstFile, "\0"u8, Libc.AT_EMPTY_PATH, out var stat) != 0)
            return new(null, null, null);
        uint? umask = HasDefaultAcl(directoryFd) || ProcessCredentials.Umask is not { } mask || stat.Permissions != (permissions & ~mask)
            ? null : mask;
        return new(stat.Uid, stat.Gid, umask);
    }

    /// <summary>The owner every file this process creates here gets, where known.</summary>
    public (uint Uid, uint Gid)? Owner => _uid is { } uid && _gid is { } gid ? (uid, gid) : null;

    /// <summary>The state of a file created here with <paramref name="permissions"/> (bits 0777).</summary>
    public NewFileState For(uint permissions) => new(_uid, _gid, _umask is { } mask ? permissions & ~mask : null);

    /// <summary>True when the directory has a default ACL — or when that cannot be told (then the umask is not trusted).</summary>
    private static bool HasDefaultAcl(int directoryFd)
    {
        if (Libc.FGetXattr(directoryFd, DefaultAclName, [], 0) >= 0)
            return true;
        int errno = Marshal.GetLastPInvokeError();
        return errno is not (Errno.ENODATA or Errno.ENOTSUP);
    }
}
