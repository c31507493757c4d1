using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Source-generated P/Invoke declarations for glibc on x86_64 Linux, plus the constants they need.
/// Paths passed here MUST already be NUL-terminated (see <see cref="PathBytes.ToCString"/>); every call sets
/// errno, read with <see cref="Marshal.GetLastPInvokeError"/>. Flag values are the x86_64 ones.
/// </summary>
internal static partial class Libc
{
    private const string Lib = "libc";

    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int AT_REMOVEDIR = 0x200;
    internal const int AT_EMPTY_PATH = 0x1000;

    internal const int O_RDONLY = 0x0;
    internal const int O_WRONLY = 0x1;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int O_NOATIME = 0x40000;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_PATH = 0x200000;

    // _IOR('f', 1, long) and _IOW('f', 2, long); the kernel reads and writes an int.
    internal const uint FS_IOC_GETFLAGS = 0x80086601;
    internal const uint FS_IOC_SETFLAGS = 0x40086602;

    internal const int SEEK_DATA = 3;
    internal const int SEEK_HOLE = 4;

    /// <summary>STATX_BASIC_STATS: type, mode, nlink, uid, gid, times, ino, size, blocks.</summary>
    internal const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>utimensat: leave this timestamp unchanged.</summary>
    internal const long UTIME_OMIT = (1L << 30) - 2;

    [LibraryImport(Lib, EntryPoint = "openat", SetLastError = true)]
    internal static partial int OpenAt(int dirFd, ReadOnlySpan<byte> path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "dup", SetLastError = true)]
    internal static partial int Dup(int fd);

    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    /// <summary>An advisory lock on an open file or directory, released when its last descriptor closes.</summary>
    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary>Size of x86_64 struct statfs; its first field, f_type (a long), is the file system's magic number.</summary>
    internal const int StatFsSize = 120;

    [LibraryImport(Lib, EntryPoint = "statfs", SetLastError = true)]
    internal static partial int StatFs(ReadOnlySpan<byte> path, Span<byte> buffer);

    // statx instead of stat/lstat/fstat: glibc before 2.33 exports no plain stat symbols (only __xstat), and
    // struct statx has one layout on every architecture with nanosecond times. Needs glibc 2.28, kernel 4.11.
    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true)]
    internal static partial int Statx(int dirFd, ReadOnlySpan<byte> path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport(Lib, EntryPoint = "readlinkat", SetLastError = true)]
    internal static partial nint ReadLinkAt(int dirFd, ReadOnlySpan<byte> path, Span<byte> buffer, nuint size);

    [LibraryImport(Lib, EntryPoint = "lseek", SetLastError = true)]
    internal static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport(Lib, EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int FTruncate(int fd, long length);

    [LibraryImport(Lib, EntryPoint = "fdopendir", SetLastError = true)]
    internal static partial nint FdOpenDir(int fd);

    [LibraryImport(Lib, EntryPoint = "readdir64", SetLastError = true)]
    internal static partial nint ReadDir64(nint dir);

    [LibraryImport(Lib, EntryPoint = "closedir", SetLastError = true)]
    internal static partial int CloseDir(nint dir);

    /// <summary>listxattrat(2), Linux 6.13 and later, by its x86-64 number (glibc 2.36 has no wrapper).</summary>
    internal const long SYS_listxattrat = 465;

    /// <summary>
    /// syscall(SYS_listxattrat, dirfd, name, at_flags, list, size). Every argument is passed register-wide, as the
    /// variadic syscall() reads them.
    /// </summary>
    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    internal static unsafe partial nint ListXattrAt(long number, long dirFd, byte* name, long atFlags, byte* list, nuint size);

    [LibraryImport(Lib, EntryPoint = "llistxattr", SetLastError = true)]
    internal static partial nint LListXattr(ReadOnlySpan<byte> path, Span<byte> list, nuint size);

    [LibraryImport(Lib, EntryPoint = "lgetxattr", SetLastError = true)]
    internal static partial nint LGetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, Span<byte> value, nuint size);

    [LibraryImport(Lib, EntryPoint = "lsetxattr", SetLastError = true)]
    internal static partial int LSetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, nuint size, int flags);

    [LibraryImport(Lib, EntryPoint = "mkdirat", SetLastError = true)]
    internal static partial int MkdirAt(int dirFd, ReadOnlySpan<byte> path, uint mode);

    [LibraryImport(Lib, EntryPoint = "symlinkat", SetLastError = true)]
    internal static partial int SymlinkAt(ReadOnlySpan<byte> target, int newDirFd, ReadOnlySpan<byte> linkPath);

    [LibraryImport(Lib, EntryPoint = "linkat", SetLastError = true)]
    internal static partial int LinkAt(int oldDirFd, ReadOnlySpan<byte> oldPath, int newDirFd, ReadOnlySpan<byte> newPath, int flags);

    [LibraryImport(Lib, EntryPoint = "mkfifoat", SetLastError = true)]
    internal static partial int MkfifoAt(int dirFd, ReadOnlySpan<byte> path, uint mode);

    [LibraryImport(Lib, EntryPoint = "unlinkat", SetLastError = true)]
    internal static partial int UnlinkAt(int dirFd, ReadOnlySpan<byte> path, int flags);

    [LibraryImport(Lib, EntryPoint = "fchownat", SetLastError = true)]
    internal static partial int FChownAt(int dirFd, ReadOnlySpan<byte> path, uint owner, uint group, int flags);

    [LibraryImport(Lib, EntryPoint = "fchmodat", SetLastError = true)]
    internal static partial int FChmodAt(int dirFd, ReadOnlySpan<byte> path, uint mode, int flags);

    /// <summary><paramref name="times"/> points at two <see cref="Timespec"/>: access time, modification time.</summary>
    [LibraryImport(Lib, EntryPoint = "utimensat", SetLastError = true)]
    internal static unsafe partial int UtimensAt(int dirFd, ReadOnlySpan<byte> path, Timespec* times, int flags);

    [LibraryImport(Lib, EntryPoint = "fchown", SetLastError = true)]
    internal static partial int FChown(int fd, uint owner, uint group);

    [LibraryImport(Lib, EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int FChmod(int fd, uint mode);

    [LibraryImport(Lib, EntryPoint = "futimens", SetLastError = true)]
    internal static unsafe partial int Futimens(int fd, Timespec* times);

    [LibraryImport(Lib, EntryPoint = "fgetxattr", SetLastError = true)]
    internal static partial nint FGetXattr(int fd, ReadOnlySpan<byte> name, Span<byte> value, nuint size);

    [LibraryImport(Lib, EntryPoint = "fsetxattr", SetLastError = true)]
    internal static partial int FSetXattr(int fd, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, nuint size, int flags);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlFlags(int fd, nuint request, ref int flags);

    [LibraryImport(Lib, EntryPoint = "pread64", SetLastError = true)]
    internal static unsafe partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport(Lib, EntryPoint = "pwrite64", SetLastError = true)]
    internal static unsafe partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    internal const uint RENAME_NOREPLACE = 1;

    [LibraryImport(Lib, EntryPoint = "renameat2", SetLastError = true)]
    internal static partial int RenameAt2(int oldDirFd, ReadOnlySpan<byte> oldPath, int newDirFd, ReadOnlySpan<byte> newPath, uint flags);
}
