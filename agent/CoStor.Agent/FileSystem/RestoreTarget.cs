using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// The directory a restore writes into. Everything below it is created through <see cref="Root"/> and its
/// children, relative to directory descriptors and one validated name at a time, so no name in a snapshot
/// can make a write land outside this directory (see <see cref="RestoreDirectory"/>).
/// </summary>
public sealed class RestoreTarget : IDisposable
{
    private RestoreTarget(RestoreDirectory root) => Root = root;

    /// <summary>The target directory itself.</summary>
    public RestoreDirectory Root { get; }

    /// <summary>
    /// Opens the target directory, creating its last component (mode 0700) if it is missing and
    /// <paramref name="create"/> is set; its parent must exist. The target path is the operator's choice and
    /// is resolved normally (symlinks in it are followed); only what lies below it is guarded.
    /// </summary>
    public static RestoreTarget Open(ReadOnlySpan<byte> path, bool create = true)
    {
        var cPath = PathBytes.ToCString(path);
        if (create && Libc.MkdirAt(Libc.AT_FDCWD, cPath, 0x1C0 /* 0700 */) != 0)
        {
            var error = PosixException.FromLastError("mkdir", path);
            if (error.Errno != Errno.EEXIST)
                throw error;
        }
        int fd = Libc.OpenAt(Libc.AT_FDCWD, cPath, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
            throw PosixException.FromLastError("open", path);
        return new RestoreTarget(new RestoreDirectory(new SafeFileHandle((nint)fd, ownsHandle: true), []));
    }

    public void Dispose() => Root.Dispose();
}
