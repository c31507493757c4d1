using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

public sealed partial class RestoreDirectory
{
    /// <summary>
    /// Takes an exclusive advisory lock (flock) on this directory without waiting: false when another open
    /// description of it holds one. The lock lasts until this directory is disposed or the process ends.
    /// </summary>
    internal bool TryLock()
    {
        using var fd = new FdLease(_handle);
        return Libc.Flock(fd.Fd, Libc.LOCK_EX | Libc.LOCK_NB) == 0;
    }

    /// <summary>The names in this directory (not "." or ".."), in the order the file system lists them.</summary>
    internal List<byte[]> ListNames()
    {
        using var fd = new FdLease(_handle);
        return NamesIn(fd.Fd, RelativePath);
    }

    /// <summary>The names in the directory open as <paramref name="fd"/>, listed through a duplicate (the listing closes its descriptor).</summary>
    private static List<byte[]> NamesIn(int fd, byte[] path)
    {
        int listing = Libc.Dup(fd);
        if (listing < 0)
            throw new PosixException(Marshal.GetLastPInvokeError(), "dup", PathBytes.Printable(path));
        var names = new List<byte[]>();
        Posix.VisitOpenDirectory(listing, path, statEntries: false, (name, _, in _) => names.Add(name));
        return names;
    }

    /// <summary>
    /// Removes the subdirectory <paramref name="name"/> and everything below it, relative to descriptors and
    /// never following a symlink (a symlink is removed, not its target). It stays on this directory's file
    /// system: a directory on another device (a mount) is left in place, and the removal throws.
    /// </summary>
    internal void RemoveTree(ReadOnlySpan<byte> name)
    {
        using var fd = new FdLease(_handle);
        int errno = Posix.StatAt(fd.Fd, "\0"u8, Libc.AT_EMPTY_PATH, out var self);
        if (errno != 0)
            throw new PosixException(errno, "statx", PathBytes.Printable(RelativePath));
        RemoveTreeAt(fd.Fd, EntryName.ToCString(name), self.Device, ChildPath(name));
    }

    private static void RemoveTreeAt(int parentFd, byte[] cName, ulong device, byte[] path)
    {
        int fd = Libc.OpenAt(parentFd, cName, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            int openError = Marshal.GetLastPInvokeError();
            if (openError == Errno.ENOENT)
                return;
            if (openError is not (Errno.ENOTDIR or Errno.ELOOP))
                throw new PosixException(openError, "openat", PathBytes.Printable(path));
            // Not a directory (any more): remove the entry itself.
            if (Libc.UnlinkAt(parentFd, cName, 0) != 0 && Marshal.GetLastPInvokeError() != Errno.ENOENT)
                throw new PosixException(Marshal.GetLastPInvokeError(), "unlinkat", PathBytes.Printable(path));
            return;
        }
        try
        {
            int errno = Posix.StatAt(fd, "\0"u8, Libc.AT_EMPTY_PATH, out var stat);
            if (errno != 0)
                throw new PosixException(errno, "statx", PathBytes.Printable(path));
            if (stat.Device != device)
                throw new IOException($"{PathBytes.Printable(path)} is on another file system (a mount); left in place");
            foreach (var name in NamesIn(fd, path))
            {
                var cChild = EntryName.ToCString(name);
                if (Libc.UnlinkAt(fd, cChild, 0) == 0)
                    continue;
                int unlinkError = Marshal.GetLastPInvokeError();
                if (unlinkError == Errno.EISDIR)
                    RemoveTreeAt(fd, cChild, device, [.. path, (byte)'/', .. name]);
                else if (unlinkError != Errno.ENOENT)
                    throw new PosixException(unlinkError, "unlinkat", PathBytes.Printable([.. path, (byte)'/', .. name]));
            }
        }
        finally
        {
            Libc.Close(fd);
        }
        if (Libc.UnlinkAt(parentFd, cName, Libc.AT_REMOVEDIR) != 0 && Marshal.GetLastPInvokeError() != Errno.ENOENT)
            throw new PosixException(Marshal.GetLastPInvokeError(), "unlinkat", PathBytes.Printable(path));
    }
}
