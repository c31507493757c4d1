using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Thin wrappers over libc for the backup side. Paths are raw bytes without a trailing NUL (the NUL is added
/// here), so names that are not UTF-8 survive. No call follows a symlink in the final path component.
/// Failures throw <see cref="PosixException"/>; Try-variants return the errno instead (0 on success).
/// </summary>
public static partial class Posix
{
    /// <summary>lstat: metadata of the entry itself (a symlink is described, not followed).</summary>
    public static PosixStat Lstat(ReadOnlySpan<byte> path)
    {
        int errno = TryLstat(path, out var stat);
        return errno == 0 ? stat : throw new PosixException(errno, "lstat", path);
    }

    /// <summary>stat: metadata of what <paramref name="path"/> leads to (symlinks followed).</summary>
    public static PosixStat Stat(ReadOnlySpan<byte> path)
    {
        using var kernelPath = KernelPath.Of(path);
        int errno = StatAt(Libc.AT_FDCWD, kernelPath.CString, 0, out var stat);
        return errno == 0 ? stat : throw new PosixException(errno, "stat", path);
    }

    /// <summary>As <see cref="Lstat"/>, returning the errno (0 on success) instead of throwing.</summary>
    public static int TryLstat(ReadOnlySpan<byte> path, out PosixStat stat)
    {
        using var kernelPath = KernelPath.Of(path);
        return StatAt(Libc.AT_FDCWD, kernelPath.CString, Libc.AT_SYMLINK_NOFOLLOW, out stat);
    }

    /// <summary>fstat: metadata of an open descriptor.</summary>
    public static PosixStat Fstat(SafeFileHandle handle)
    {
        using var fd = new FdLease(handle);
        int errno = StatAt(fd.Fd, "\0"u8, Libc.AT_EMPTY_PATH, out var stat);
        return errno == 0 ? stat : throw new PosixException(errno, "fstat", $"fd {fd.Fd}");
    }

    /// <summary>statx on (dirFd, NUL-terminated path); returns the errno.</summary>
    internal static int StatAt(int dirFd, ReadOnlySpan<byte> cPath, int flags, out PosixStat stat)
    {
        if (Libc.Statx(dirFd, cPath, flags, Libc.STATX_BASIC_STATS, out var buffer) != 0)
        {
            stat = default;
            return Marshal.GetLastPInvokeError();
        }
        stat = buffer.ToPosixStat();
        return 0;
    }

    /// <summary>
    /// Opens a regular file for reading with O_RDONLY|O_NOFOLLOW|O_CLOEXEC and O_NOATIME (so backups do not
    /// touch atime). O_NOATIME is allowed only to the owner or root, so on EPERM the open is retried without it.
    /// The handle works with <see cref="RandomAccess.Read(SafeFileHandle, Span{byte}, long)"/>.
    /// Callers open only entries that lstat reported as regular: opening a FIFO would block.
    /// </summary>
    public static SafeFileHandle OpenRead(ReadOnlySpan<byte> path)
    {
        using var kernelPath = KernelPath.Of(path);
        var cPath = kernelPath.CString;
        const int flags = Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC;
        int fd = Libc.OpenAt(Libc.AT_FDCWD, cPath, flags | Libc.O_NOATIME, 0);
        if (fd < 0 && Marshal.GetLastPInvokeError() == Errno.EPERM)
            fd = Libc.OpenAt(Libc.AT_FDCWD, cPath, flags, 0);
        if (fd < 0)
            throw PosixException.FromLastError("open", path);
        return new SafeFileHandle((nint)fd, ownsHandle: true);
    }

    /// <summary>statfs: the magic number of the file system <paramref name="path"/> is on (f_type, linux/magic.h).</summary>
    public static long FileSystemType(ReadOnlySpan<byte> path)
    {
        Span<byte> buffer = stackalloc byte[Libc.StatFsSize];
        using var kernelPath = KernelPath.Of(path);
        if (Libc.StatFs(kernelPath.CString, buffer) != 0)
            throw PosixException.FromLastError("statfs", path);
        return BitConverter.ToInt64(buffer);
    }

    /// <summary>readlink: the exact target bytes of a symlink (no NUL, no decoding).</summary>
    public static byte[] ReadLink(ReadOnlySpan<byte> path)
    {
        using var kernelPath = KernelPath.Of(path);
        var cPath = kernelPath.CString;
        var buffer = new byte[256];
        while (true)
        {
            nint n = Libc.ReadLinkAt(Libc.AT_FDCWD, cPath, buffer, (nuint)buffer.Length);
            if (n < 0)
                throw PosixException.FromLastError("readlink", path);
            // readlink truncates silently; a full buffer may mean a longer target, so grow and retry.
            if (n < buffer.Length)
                return buffer.AsSpan(0, (int)n).ToArray();
            buffer = new byte[buffer.Length * 2];
        }
    }

    /// <summary>
    /// The data regions of an open file, found with lseek SEEK_DATA/SEEK_HOLE, as (offset, length) pairs in
    /// increasing order, clipped to <paramref name="size"/>. A file system without SEEK_DATA support yields one
    /// region covering the whole file. Moves the descriptor's file offset; RandomAccess reads are positional
    /// and unaffected.
    /// </summary>
    public static List<(long Offset, long Length)> GetDataRanges(SafeFileHandle handle, long size)
    {
        var ranges = new List<(long Offset, long Length)>();
        using var fd = new FdLease(handle);
        long position = 0;
        while (position < size)
        {
            long data = Libc.LSeek(fd.Fd, position, Libc.SEEK_DATA);
            if (data < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.ENXIO)
                    break; // no data at or after position: the rest is a hole
                if (errno is Errno.EINVAL or Errno.ENOTSUP && position == 0)
                    return [(0, size)];
                throw new PosixException(errno, "lseek(SEEK_DATA)", $"fd {fd.Fd}");
            }
            if (data >= size)
                break;
            long hole = Libc.LSeek(fd.Fd, data, Libc.SEEK_HOLE);
            if (hole < 0)
                throw new PosixException(Marshal.GetLastPInvokeError(), "lseek(SEEK_HOLE)", $"fd {fd.Fd}");
            long end = Math.Min(hole, size);
            ranges.Add((data, end - data));
            position = end;
        }
        return ranges;
    }
}
