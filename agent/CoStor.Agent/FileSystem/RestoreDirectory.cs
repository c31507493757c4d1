using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// One directory being restored, held open as an O_DIRECTORY descriptor. Safe by construction:
/// <list type="bullet">
/// <item>every name is validated by <see cref="EntryName"/> (one component, never "..") before any call;</item>
/// <item>every call is relative to this descriptor (mkdirat, openat, symlinkat, linkat, mkfifoat, ...), and a
/// child directory is opened with O_DIRECTORY|O_NOFOLLOW, so an existing symlink can never redirect a write;</item>
/// <item>files are created with O_CREAT|O_EXCL|O_NOFOLLOW; an existing entry in the way is unlinked and the
/// entry created anew, never written through (a hardlink to a file elsewhere stays untouched).</item>
/// </list>
/// Ordering contract for callers: write a directory's children first, then apply its metadata
/// (<see cref="ApplyMetadata"/> from the parent), because creating children changes the directory's mtime and
/// a restored read-only mode would stop a non-root restore from creating them.
/// </summary>
public sealed partial class RestoreDirectory : IDisposable
{
    private const uint NewDirectoryMode = 0x1C0;  // 0700 until the real mode is applied
    private const uint NewFileMode = 0x180;       // 0600 until the real mode is applied

    private readonly SafeFileHandle _handle;
    private NewFileDefaults? _newFiles;

    internal RestoreDirectory(SafeFileHandle handle, byte[] relativePath)
    {
        _handle = handle;
        RelativePath = relativePath;
    }

    /// <summary>This directory's path below the target ("" for the target itself); for messages.</summary>
    public byte[] RelativePath { get; }

    /// <summary>
    /// Creates the subdirectory <paramref name="name"/> (mode 0700) or reuses an existing directory of that
    /// name (its contents stay); anything else in its place (file, symlink) is removed first. Returns the
    /// opened child, which the caller disposes.
    /// </summary>
    public RestoreDirectory CreateDirectory(ReadOnlySpan<byte> name)
    {
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        if (Libc.MkdirAt(fd.Fd, cName, NewDirectoryMode) != 0 && Marshal.GetLastPInvokeError() != Errno.EEXIST)
            throw Error("mkdirat", name);
        const int flags = Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC;
        int child = Libc.OpenAt(fd.Fd, cName, flags, 0);
        if (child < 0 && Marshal.GetLastPInvokeError() is Errno.ENOTDIR or Errno.ELOOP)
        {
            // Not a directory (a symlink gives ENOTDIR or ELOOP under O_NOFOLLOW): replace it, never follow it.
            RemoveExisting(fd.Fd, cName, name);
            if (Libc.MkdirAt(fd.Fd, cName, NewDirectoryMode) != 0)
                throw Error("mkdirat", name);
            child = Libc.OpenAt(fd.Fd, cName, flags, 0);
        }
        if (child < 0)
            throw Error("openat", name);
        return new RestoreDirectory(new SafeFileHandle((nint)child, ownsHandle: true), ChildPath(name));
    }

    /// <summary>
    /// Creates the regular file <paramref name="name"/> (mode 0600, empty) and returns it open for writing
    /// (usable with <see cref="RandomAccess"/> and <see cref="SparseFileWriter"/>). An existing entry of that
    /// name is unlinked first (an empty directory is removed; a non-empty one is an error).
    /// </summary>
    public SafeFileHandle CreateFile(ReadOnlySpan<byte> name) => CreateFile(name, NewFileMode, null, out _);

    /// <summary>
    /// Creates the regular file <paramref name="name"/> as <see cref="CreateFile(ReadOnlySpan{byte})"/> does, with
    /// the permission bits <paramref name="permissions"/> (0777 at most; less the umask), and tells in
    /// <paramref name="state"/> what owner and mode it is known to have (<see cref="NewFileDefaults"/>, learnt
    /// from the first file created through this instance). The file is open for writing whatever its mode.
    /// Group and other bits are given only when the file is known to keep the owner it is created with
    /// (<paramref name="finalOwner"/> null: owners are not restored): a file that will be given away (or that
    /// lands in a setgid directory of another group) gets its owner's bits alone until its metadata is applied,
    /// so nobody but its final readers ever sees it half-written.
    /// </summary>
    public SafeFileHandle CreateFile(ReadOnlySpan<byte> name, uint permissions, (uint Uid, uint Gid)? finalOwner, out NewFileState state)
    {
        permissions &= 0x1FF;
        if (finalOwner is { } owner && _newFiles?.Owner != owner)
            permissions &= 0x1C0;
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        const int flags = Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC;
        int dirFd = fd.Fd;
        int file = CreateReplacing(dirFd, cName, name, "openat", () => Libc.OpenAt(dirFd, cName, flags, permissions));
        _newFiles ??= NewFileDefaults.Learn(dirFd, file, permissions);
        state = _newFiles.For(permissions);
        return new SafeFileHandle((nint)file, ownsHandle: true);
    }

    /// <summary>Creates the symlink <paramref name="name"/> → <paramref name="target"/> (exact bytes, never resolved).</summary>
    public void CreateSymlink(ReadOnlySpan<byte> name, ReadOnlySpan<byte> target)
    {
        var cName = EntryName.ToCString(name);
        var cTarget = PathBytes.ToCString(target);
        using var fd = new FdLease(_handle);
        int dirFd = fd.Fd;
        CreateReplacing(dirFd, cName, name, "symlinkat", () => Libc.SymlinkAt(cTarget, dirFd, cName));
    }

    /// <summary>
    /// Creates <paramref name="name"/> as another name of the entry <paramref name="existingName"/> in
    /// <paramref name="existingDirectory"/> (linkat without AT_SYMLINK_FOLLOW: a symlink is linked itself).
    /// </summary>
    public void CreateHardlink(ReadOnlySpan<byte> name, RestoreDirectory existingDirectory, ReadOnlySpan<byte> existingName)
    {
        var cName = EntryName.ToCString(name);
        var cExisting = EntryName.ToCString(existingName);
        using var fd = new FdLease(_handle);
        using var existingFd = new FdLease(existingDirectory._handle);
        int dirFd = fd.Fd, oldDirFd = existingFd.Fd;
        CreateReplacing(dirFd, cName, name, "linkat", () => Libc.LinkAt(oldDirFd, cExisting, dirFd, cName, 0));
    }

    /// <summary>Creates the FIFO <paramref name="name"/> with permission bits <paramref name="mode"/> (less umask until metadata is applied).</summary>
    public void CreateFifo(ReadOnlySpan<byte> name, uint mode)
    {
        var cName = EntryName.ToCString(name);
        using var fd = new FdLease(_handle);
        int dirFd = fd.Fd;
        CreateReplacing(dirFd, cName, name, "mkfifoat", () => Libc.MkfifoAt(dirFd, cName, mode & 0xFFF));
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>Runs <paramref name="create"/>; on EEXIST removes what is there and runs it once more.</summary>
    private int CreateReplacing(int dirFd, byte[] cName, ReadOnlySpan<byte> name, string operation, Func<int> create)
    {
        int result = create();
        if (result < 0 && Marshal.GetLastPInvokeError() == Errno.EEXIST)
        {
            RemoveExisting(dirFd, cName, name);
            result = create();
        }
        return result >= 0 ? result : throw Error(operation, name);
    }

    /// <summary>Unlinks the entry (or removes it if it is an empty directory); a missing entry is fine.</summary>
    private void RemoveExisting(int dirFd, byte[] cName, ReadOnlySpan<byte> name)
    {
        if (Libc.UnlinkAt(dirFd, cName, 0) == 0)
            return;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EISDIR && Libc.UnlinkAt(dirFd, cName, Libc.AT_REMOVEDIR) == 0)
            return;
        if (errno == Errno.EISDIR)
            errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.ENOENT)
            throw new PosixException(errno, "unlinkat", PathBytes.Printable(ChildPath(name)));
    }

    private byte[] ChildPath(ReadOnlySpan<byte> name) =>
        RelativePath.Length == 0 ? name.ToArray() : [.. RelativePath, (byte)'/', .. name];

    private PosixException Error(string operation, ReadOnlySpan<byte> name) =>
        new(Marshal.GetLastPInvokeError(), operation, PathBytes.Printable(ChildPath(name)));
}
