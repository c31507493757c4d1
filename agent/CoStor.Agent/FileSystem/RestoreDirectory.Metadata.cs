using System.Runtime.InteropServices;
using System.Text;

namespace CoStor.Agent.FileSystem;

public sealed partial class RestoreDirectory
{
    /// <summary>
    /// Applies restored metadata to the entry <paramref name="name"/> in this directory, in the order that keeps
    /// each step from undoing another: owner (chown clears setuid/setgid and file capabilities), then mode,
    /// then xattrs, then mtime last (nanosecond precision; atime is left as it is, the tree does not carry it).
    /// None of these follows a symlink: owner and times use AT_SYMLINK_NOFOLLOW; mode is set through an
    /// O_PATH|O_NOFOLLOW descriptor checked not to be a symlink, and is skipped for symlinks (Linux has no
    /// symlink permissions); xattrs use lsetxattr on /proc/self/fd/DIR/name. For symlinks, "user." xattrs are
    /// skipped: the kernel refuses them on symlinks (EPERM). Needs /proc mounted.
    /// For a directory, call this only after all its children are written (see the type's ordering contract).
    /// </summary>
    /// <param name="mode">Permission bits (mode &amp; 07777); type bits are ignored.</param>
    /// <param name="setOwner">Whether to chown (only root can give files away).</param>
    public void ApplyMetadata(
        ReadOnlySpan<byte> name, uint mode, uint uid, uint gid, long mtimeNs,
        IReadOnlyList<(string Name, byte[] Value)> xattrs, bool setOwner)
    {
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        int errno = Posix.StatAt(fd.Fd, cName, Libc.AT_SYMLINK_NOFOLLOW, out var stat);
        if (errno != 0)
            throw new PosixException(errno, "statx", PathBytes.Printable(ChildPath(name)));

        if (setOwner && Libc.FChownAt(fd.Fd, cName, uid, gid, Libc.AT_SYMLINK_NOFOLLOW) != 0)
            throw Error("fchownat", name);
        if (!stat.IsSymlink)
            SetMode(fd.Fd, cName, name, mode & 0xFFF);
        SetXattrs(fd.Fd, name, xattrs, stat.IsSymlink);
        SetMtime(fd.Fd, cName, name, mtimeNs);
    }

    /// <summary>
    /// Applies restored metadata to this directory itself, through its own descriptor (<see cref="OpenFileMetadata"/>:
    /// fchown, fchmod, fsetxattr, futimens — four calls where <see cref="ApplyMetadata"/> by name needs seven). No
    /// name is looked up, and the descriptor was opened as a directory with O_NOFOLLOW, so nothing can redirect it.
    /// Same ordering contract: call once every entry inside exists.
    /// </summary>
    public void ApplyOwnMetadata(uint mode, uint uid, uint gid, long mtimeNs, IReadOnlyList<(string Name, byte[] Value)> xattrs, bool setOwner) =>
        OpenFileMetadata.Apply(_handle, RelativePath, mode, uid, gid, mtimeNs, xattrs, setOwner);

    /// <summary>
    /// chmod without following: fchmodat(AT_SYMLINK_NOFOLLOW) needs glibc 2.32+, so open the entry itself
    /// with O_PATH|O_NOFOLLOW, make sure it is not a symlink, and chmod its /proc/self/fd magic link (which
    /// names that inode, whatever happens to the name meanwhile).
    /// </summary>
    private void SetMode(int dirFd, byte[] cName, ReadOnlySpan<byte> name, uint mode)
    {
        int pathFd = Libc.OpenAt(dirFd, cName, Libc.O_PATH | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        if (pathFd < 0)
            throw Error("openat(O_PATH)", name);
        try
        {
            int errno = Posix.StatAt(pathFd, "\0"u8, Libc.AT_EMPTY_PATH, out var stat);
            if (errno != 0)
                throw new PosixException(errno, "statx", PathBytes.Printable(ChildPath(name)));
            if (stat.IsSymlink)
                return; // replaced by a symlink since the caller's check: nothing to chmod, and never follow it
            var magic = Encoding.ASCII.GetBytes($"/proc/self/fd/{pathFd}\0");
            if (Libc.FChmodAt(Libc.AT_FDCWD, magic, mode, 0) != 0)
                throw Error("fchmodat", name);
        }
        finally
        {
            Libc.Close(pathFd);
        }
    }

    private void SetXattrs(int dirFd, ReadOnlySpan<byte> name, IReadOnlyList<(string Name, byte[] Value)> xattrs, bool isSymlink)
    {
        if (xattrs.Count == 0)
            return;
        // /proc/self/fd/DIR resolves to this directory; the final component (a validated name) is not
        // followed by lsetxattr.
        byte[] path = [.. Encoding.ASCII.GetBytes($"/proc/self/fd/{dirFd}/"), .. name, 0];
        foreach (var (attrName, value) in xattrs)
        {
            if (isSymlink && attrName.StartsWith("user.", StringComparison.Ordinal))
                continue;
            var cAttr = PathBytes.ToCString(Encoding.UTF8.GetBytes(attrName));
            if (Libc.LSetXattr(path, cAttr, value, (nuint)value.Length, 0) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new PosixException(errno, $"lsetxattr {attrName}", PathBytes.Printable(ChildPath(name)));
            }
        }
    }

    private unsafe void SetMtime(int dirFd, byte[] cName, ReadOnlySpan<byte> name, long mtimeNs)
    {
        Timespec* times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = 0, Nanoseconds = Libc.UTIME_OMIT };
        times[1] = Timespec.FromUnixNanoseconds(mtimeNs);
        if (Libc.UtimensAt(dirFd, cName, times, Libc.AT_SYMLINK_NOFOLLOW) != 0)
            throw Error("utimensat", name);
    }
}
