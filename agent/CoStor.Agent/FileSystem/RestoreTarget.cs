using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// The directory a restore writes into. Everything below it is created through <see cref="Root"/> and its
/// children, relative to directory descriptors and one validated name at a time, so no name in a snapshot
/// can make a write land outside this directory (see <see cref="RestoreDirectory"/>).
/// </summary>
public sealed class RestoreTarget : IDisposable
{
    private readonly Lock _topLevel = new();
    private readonly Dictionary<string, byte[]> _staged = [];
    private RestoreDirectory? _staging;
    private byte[] _stagingName = [];

    private RestoreTarget(RestoreDirectory root) => Root = root;

    /// <summary>The target directory itself.</summary>
    public RestoreDirectory Root { get; }

    /// <summary>Staging directories are named this, then 16 hex digits.</summary>
    internal const string StagingPrefix = ".costor-restore-";

    /// <summary>
    /// Opens the target directory, creating its last component (mode 0700) if it is missing and
    /// <paramref name="create"/> is set; its parent must exist. The target path is the operator's choice and
    /// is resolved normally (symlinks in it are followed); only what lies below it is guarded.
    /// Staging directories that interrupted restores left behind are removed (see <see cref="RemoveAbandonedStaging"/>).
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
        var target = new RestoreTarget(new RestoreDirectory(new SafeFileHandle((nint)fd, ownsHandle: true), []));
        target.RemoveAbandonedStaging();
        return target;
    }

    /// <summary>
    /// Removes the staging directories (<see cref="StagingPrefix"/>…) of restores into this target that were
    /// killed or lost power before they could publish or clean up: each restore holds a lock (flock) on its
    /// staging directory for as long as it runs, so one that can be locked belongs to no running restore. Its
    /// half-restored trees go with it (the snapshot still has everything). Best effort: a directory that
    /// cannot be removed (another file system mounted inside, no permission) stays, and the restore goes on.
    /// </summary>
    private void RemoveAbandonedStaging()
    {
        foreach (var name in Root.ListNames())
        {
            if (!IsStagingName(name) || Root.OpenExistingDirectory(name, out _) is not { } staging)
                continue;
            using (staging)
            {
                if (!staging.TryLock())
                    continue; // a restore running now
                try
                {
                    Root.RemoveTree(name);
                }
                catch (IOException)
                {
                    // Left in place; it is only a leftover.
                }
            }
        }
    }

    private static bool IsStagingName(ReadOnlySpan<byte> name) =>
        name.Length == StagingPrefix.Length + 16 && name.StartsWith(System.Text.Encoding.ASCII.GetBytes(StagingPrefix))
        && name[StagingPrefix.Length..].IndexOfAnyExcept("0123456789abcdef"u8) < 0;

    /// <summary>
    /// Opens the top-level directory <paramref name="name"/> (an entry directly below the target) for
    /// restoring into. An existing directory is used in place, and anything else in the way is replaced as
    /// <see cref="RestoreDirectory.CreateDirectory(ReadOnlySpan{byte})"/> does. A new one is built under a
    /// random name in a staging directory (<c>.costor-restore-…</c>, marked as a hierarchy top) and appears
    /// under its real name only at <see cref="Publish"/>: a partly restored tree is never mistaken for a
    /// finished one, and ext4 places each new tree in block groups of its own (its Orlov allocator spreads the
    /// subdirectories of a hierarchy top, starting from a hash of their names; a random name keeps a restore
    /// out of the groups where an earlier tree was just deleted, where a journal-less ext4 skips every
    /// recently freed inode one by one for each new file — docs/performance.md). Every caller gets its own
    /// handle; all see the same directory.
    /// </summary>
    public RestoreDirectory EnterTopLevel(ReadOnlySpan<byte> name)
    {
        var key = Convert.ToHexString(name);
        lock (_topLevel)
        {
            if (_staged.TryGetValue(key, out var stagedName))
                return _staging!.OpenAs(stagedName, name.ToArray(), create: false);
            if (Root.OpenExistingDirectory(name, out var present) is { } existing)
                return existing;
            if (present)
                return Root.CreateDirectory(name);
            if (_staging is null)
            {
                _stagingName = System.Text.Encoding.ASCII.GetBytes(StagingPrefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
                _staging = Root.CreateDirectory(_stagingName);
                // Held until the staging directory is removed or the process ends: it tells a later restore
                // into this target that the directory is in use (RemoveAbandonedStaging).
                _staging.TryLock();
                _staging.TryMarkHierarchyTop();
            }
            stagedName = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
            var created = _staging.OpenAs(stagedName, name.ToArray(), create: true);
            _staged[key] = stagedName;
            return created;
        }
    }

    /// <summary>
    /// Moves a staged top-level directory to its real name below the target (call once its entries exist,
    /// before its own metadata is applied); does nothing for one restored in place. Removes the staging
    /// directory after the last. Throws when an entry of that name appeared meanwhile (the tree stays staged).
    /// </summary>
    public void Publish(ReadOnlySpan<byte> name)
    {
        lock (_topLevel)
        {
            if (!_staged.Remove(Convert.ToHexString(name), out var stagedName))
                return;
            try
            {
                _staging!.MoveTo(stagedName, Root, name);
            }
            finally
            {
                if (_staged.Count == 0)
                    RemoveStaging();
            }
        }
    }

    /// <summary>Publishes whatever is still staged (an interrupted restore), so its trees are found where they belong.</summary>
    public void PublishAll()
    {
        lock (_topLevel)
        {
            foreach (var (key, stagedName) in _staged.ToList())
            {
                try
                {
                    _staging!.MoveTo(stagedName, Root, Convert.FromHexString(key));
                    _staged.Remove(key);
                }
                catch (IOException)
                {
                    // Left in the staging directory under its temporary name.
                }
            }
            if (_staged.Count == 0)
                RemoveStaging();
        }
    }

    private void RemoveStaging()
    {
        if (_staging is null)
            return;
        _staging.Dispose();
        _staging = null;
        Root.TryRemoveEmptyDirectory(_stagingName);
    }

    public void Dispose()
    {
        PublishAll();
        Root.Dispose();
    }
}
