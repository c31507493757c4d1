using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

public sealed partial class RestoreDirectory
{
    private const int FS_TOPDIR_FL = 0x00020000;

    /// <summary>
    /// Sets the "top of a directory hierarchy" attribute (FS_TOPDIR_FL, <c>chattr +T</c>) on this directory:
    /// ext4's Orlov allocator places the subdirectories of such a directory in uncrowded block groups instead of
    /// next to their parent. Returns false where the file system has no such attribute. A hint: failure
    /// changes nothing else.
    /// </summary>
    public bool TryMarkHierarchyTop()
    {
        using var fd = new FdLease(_handle);
        int flags = 0;
        if (Libc.IoctlFlags(fd.Fd, Libc.FS_IOC_GETFLAGS, ref flags) != 0)
            return false;
        int wanted = flags | FS_TOPDIR_FL;
        return wanted == flags || Libc.IoctlFlags(fd.Fd, Libc.FS_IOC_SETFLAGS, ref wanted) == 0;
    }

    /// <summary>
    /// Opens the existing subdirectory <paramref name="name"/> (never following a symlink). Null when there is
    /// no such entry; <paramref name="present"/> tells an entry of another type (null too) from no entry.
    /// </summary>
    public RestoreDirectory? OpenExistingDirectory(ReadOnlySpan<byte> name, out bool present)
    {
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        int child = Libc.OpenAt(fd.Fd, cName, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        if (child >= 0)
        {
            present = true;
            return new RestoreDirectory(new SafeFileHandle((nint)child, ownsHandle: true), ChildPath(name));
        }
        int errno = Marshal.GetLastPInvokeError();
        present = errno != Errno.ENOENT;
        if (errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP)
            return null;
        throw new PosixException(errno, "openat", PathBytes.Printable(ChildPath(name)));
    }

    /// <summary>
    /// Opens the subdirectory <paramref name="name"/> (creating it when <paramref name="create"/>) as a directory
    /// that reports <paramref name="relativePath"/> as its path: a directory restored under a temporary name.
    /// </summary>
    internal RestoreDirectory OpenAs(ReadOnlySpan<byte> name, byte[] relativePath, bool create)
    {
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        if (create && Libc.MkdirAt(fd.Fd, cName, NewDirectoryMode) != 0)
            throw Error("mkdirat", name);
        int child = Libc.OpenAt(fd.Fd, cName, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        if (child < 0)
            throw Error("openat", name);
        return new RestoreDirectory(new SafeFileHandle((nint)child, ownsHandle: true), relativePath);
    }

    /// <summary>Renames <paramref name="name"/> to <paramref name="newName"/> in <paramref name="destination"/>, never replacing an entry there.</summary>
    internal void MoveTo(ReadOnlySpan<byte> name, RestoreDirectory destination, ReadOnlySpan<byte> newName)
    {
        var cName = EntryName.ToCString(name);
        var cNewName = EntryName.ToCString(newName);
        using var fd = new FdLease(_handle);
        using var destinationFd = new FdLease(destination._handle);
        if (Libc.RenameAt2(fd.Fd, cName, destinationFd.Fd, cNewName, Libc.RENAME_NOREPLACE) != 0)
            throw new PosixException(Marshal.GetLastPInvokeError(), "renameat2", PathBytes.Printable(destination.ChildPath(newName)));
    }

    /// <summary>Removes the empty subdirectory <paramref name="name"/>; false when it is not empty or gone.</summary>
    internal bool TryRemoveEmptyDirectory(ReadOnlySpan<byte> name)
    {
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        return Libc.UnlinkAt(fd.Fd, cName, Libc.AT_REMOVEDIR) == 0;
    }
}
