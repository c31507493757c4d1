using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// The directory a restore writes into. Everything below it is created through <see cref="Root"/> and its
/// children, relative to directory descriptors and one validated name at a time, so no name in a snapshot
/// can make a write land outside this directory (see <see cref="RestoreDirectory"/>).
/// </summary>
public sealed class RestoreTarget : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _hierarchyTops = new();

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

    /// <summary>
    /// Called for each directory the restore creates directly below the target: marks it as the top of a new
    /// hierarchy (see <see cref="RestoreDirectory.TrySetHierarchyTop"/>), so ext4 places the restored tree in
    /// block groups of its own. Where files were just deleted, a file system without a journal skips each
    /// recently freed inode one by one for every new file; a restore into such a group spent most of its
    /// time there (docs/performance.md). The mark is removed by <see cref="EndNewHierarchy"/>.
    /// </summary>
    public void BeginNewHierarchy(RestoreDirectory directory)
    {
        if (directory.TrySetHierarchyTop(true))
            _hierarchyTops.TryAdd(Convert.ToHexString(directory.RelativePath), 0);
    }

    /// <summary>Removes the mark <see cref="BeginNewHierarchy"/> set on this directory, if it set one.</summary>
    public void EndNewHierarchy(RestoreDirectory directory)
    {
        if (_hierarchyTops.TryRemove(Convert.ToHexString(directory.RelativePath), out _))
            directory.TrySetHierarchyTop(false);
    }

    public void Dispose() => Root.Dispose();
}
