using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Restored metadata for a regular file or directory the restore still holds open: fchown, fchmod, fsetxattr,
/// futimens on the descriptor itself. No path is looked up again (the descriptor names the inode that was written),
/// which also makes it several system calls cheaper per file than the by-name
/// <see cref="RestoreDirectory.ApplyMetadata"/>. Same order and reasons: owner first (chown clears setuid),
/// then mode, then xattrs, then mtime last.
/// </summary>
public static class OpenFileMetadata
{
    /// <param name="current">
    /// What the file is known to have already (<see cref="RestoreDirectory.CreateFile(ReadOnlySpan{byte}, uint, out NewFileState)"/>):
    /// an owner or mode it has is not set again. chown is skipped only when it would change nothing, so it clears
    /// no setuid bit; a known mode never has those bits (files are created with 0777 at most).
    /// </param>
    public static unsafe void Apply(SafeFileHandle file, byte[] path, uint mode, uint uid, uint gid, long mtimeNs,
        IReadOnlyList<(string Name, byte[] Value)> xattrs, bool setOwner, NewFileState current = default)
    {
        using var fd = new FdLease(file);
        if (setOwner && !(current.Uid == uid && current.Gid == gid) && Libc.FChown(fd.Fd, uid, gid) != 0)
            throw Error("fchown", path);
        if (current.Mode != (mode & 0xFFF) && Libc.FChmod(fd.Fd, mode & 0xFFF) != 0)
            throw Error("fchmod", path);
        foreach (var (name, value) in xattrs)
        {
            if (Libc.FSetXattr(fd.Fd, PathBytes.ToCString(Encoding.UTF8.GetBytes(name)), value, (nuint)value.Length, 0) != 0)
                throw Error($"fsetxattr {name}", path);
        }
        Timespec* times = stackalloc Timespec[2];
        times[0] = new Timespec { Seconds = 0, Nanoseconds = Libc.UTIME_OMIT };
        times[1] = Timespec.FromUnixNanoseconds(mtimeNs);
        if (Libc.Futimens(fd.Fd, times) != 0)
            throw Error("futimens", path);
    }

    // The path is made printable only for an error: restoring 50,000 files formats none.
    private static PosixException Error(string operation, byte[] path) =>
        new(Marshal.GetLastPInvokeError(), operation, path);
}
