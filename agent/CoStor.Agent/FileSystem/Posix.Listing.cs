using System.Runtime.InteropServices;
using System.Text;

namespace CoStor.Agent.FileSystem;

public static partial class Posix
{
    /// <summary>Offset of d_name in struct dirent64 (d_ino u64, d_off s64, d_reclen u16, d_type u8).</summary>
    private const int DirentNameOffset = 19;

    /// <summary>
    /// The names in a directory as raw bytes, without "." and "..", sorted ordinally by bytes (the tree
    /// order). The directory itself is opened with O_NOFOLLOW, so a symlink in its place fails (ENOTDIR)
    /// rather than listing the symlink's target.
    /// </summary>
    public static List<byte[]> ListDirectory(ReadOnlySpan<byte> path)
    {
        var names = new List<byte[]>();
        VisitDirectory(path, statEntries: false, (name, _, in _) => names.Add(name));
        names.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        return names;
    }

    /// <summary>Receives one directory entry: its name, and with statEntries its lstat (errno 0) or why it failed.</summary>
    public delegate void EntryVisitor(byte[] name, int errno, in PosixStat stat);

    /// <summary>
    /// As <see cref="EntryVisitor"/>, plus whether the entry is known to have no extended attributes
    /// (false: it has some, or it could not be asked; ask by path then).
    /// </summary>
    public delegate void DescribedEntryVisitor(byte[] name, int errno, in PosixStat stat, bool noXattrs);

    // Set once listxattrat(2) turns out to be missing or forbidden: not asked again.
    private static volatile bool s_noListXattrAt;

    /// <summary>
    /// Calls <paramref name="visit"/> for each entry (not "." or "..") in the order the file system lists them. With
    /// <paramref name="statEntries"/> each entry's lstat is taken relative to the open directory, so the kernel does
    /// not walk the whole path again for every entry; errno ENOENT then means it vanished after the listing.
    /// Nothing is collected here: a directory of 100,000 entries costs no large temporary array.
    /// </summary>
    public static void VisitDirectory(ReadOnlySpan<byte> path, bool statEntries, EntryVisitor visit) =>
        VisitDirectory(path, statEntries, probeXattrs: false, (byte[] name, int errno, in PosixStat stat, bool _) => visit(name, errno, in stat));

    /// <summary>
    /// <see cref="VisitDirectory(ReadOnlySpan{byte}, bool, EntryVisitor)"/> that also asks, relative to the open
    /// directory, whether each entry has extended attributes (listxattrat, Linux 6.13+): most have none, and
    /// asking by path walks the whole path again for every entry. On older kernels every entry is "unknown".
    /// </summary>
    public static void VisitDirectoryWithXattrProbe(ReadOnlySpan<byte> path, DescribedEntryVisitor visit) =>
        VisitDirectory(path, statEntries: true, probeXattrs: true, visit);

    private static void VisitDirectory(ReadOnlySpan<byte> path, bool statEntries, bool probeXattrs, DescribedEntryVisitor visit)
    {
        int fd, errno;
        using (var kernelPath = KernelPath.Of(path))
        {
            fd = Libc.OpenAt(Libc.AT_FDCWD, kernelPath.CString, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0; // before the long-path descriptor is closed
        }
        if (fd < 0)
            throw new PosixException(errno, "open", path);
        VisitOpenDirectory(fd, path, statEntries, probeXattrs, visit);
    }

    /// <summary>
    /// <see cref="VisitDirectory"/> for a directory already open as <paramref name="fd"/>, which this takes over
    /// and closes; <paramref name="path"/> only names it in errors.
    /// </summary>
    public static void VisitOpenDirectory(int fd, ReadOnlySpan<byte> path, bool statEntries, EntryVisitor visit) =>
        VisitOpenDirectory(fd, path, statEntries, probeXattrs: false, (byte[] name, int errno, in PosixStat stat, bool _) => visit(name, errno, in stat));

    private static unsafe void VisitOpenDirectory(int fd, ReadOnlySpan<byte> path, bool statEntries, bool probeXattrs, DescribedEntryVisitor visit)
    {
        nint dir = Libc.FdOpenDir(fd);
        if (dir == 0)
        {
            var error = PosixException.FromLastError("fdopendir", path);
            Libc.Close(fd);
            throw error;
        }
        Span<byte> cName = stackalloc byte[257]; // a name is at most 255 bytes, plus NUL
        try
        {
            while (true)
            {
                // The generated stub clears errno before the call, so NULL with errno 0 is the end.
                nint entry = Libc.ReadDir64(dir);
                if (entry == 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != 0)
                        throw new PosixException(errno, "readdir", path);
                    break;
                }
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)entry + DirentNameOffset);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                    continue;
                int statError = 0;
                PosixStat stat = default;
                var noXattrs = false;
                if (statEntries)
                {
                    name.CopyTo(cName);
                    cName[name.Length] = 0;
                    statError = StatAt(fd, cName[..(name.Length + 1)], Libc.AT_SYMLINK_NOFOLLOW, out stat);
                    if (probeXattrs && statError == 0)
                        noXattrs = HasNoXattrs(fd, cName);
                }
                visit(name.ToArray(), statError, in stat, noXattrs);
            }
        }
        finally
        {
            Libc.CloseDir(dir); // also closes fd
        }
    }

    /// <summary>Whether the entry <paramref name="cName"/> (NUL-terminated) in directory <paramref name="dirFd"/> is known to have no xattrs.</summary>
    private static unsafe bool HasNoXattrs(int dirFd, ReadOnlySpan<byte> cName)
    {
        if (s_noListXattrAt)
            return false;
        nint size;
        fixed (byte* name = cName)
            size = Libc.ListXattrAt(Libc.SYS_listxattrat, dirFd, name, Libc.AT_SYMLINK_NOFOLLOW, null, 0);
        // ENOSYS: a kernel before 6.13; EPERM: a seccomp filter (containers) refusing a system call it does not
        // know. Either answers the same for every entry, so the walk stops asking rather than fail once per entry.
        if (size < 0 && Marshal.GetLastPInvokeError() is Errno.ENOSYS or Errno.EPERM)
            s_noListXattrAt = true;
        return size == 0;
    }

    /// <summary>
    /// The extended attributes of an entry (llistxattr/lgetxattr: a symlink's own, never its target's),
    /// sorted by name. Names are decoded as UTF-8 (the kernel's names are ASCII namespaces plus suffix).
    /// A file system without xattr support (ENOTSUP) yields an empty list; an attribute removed between
    /// listing and reading is skipped.
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Value)> ListXattrs(ReadOnlySpan<byte> path)
    {
        using var kernelPath = KernelPath.Of(path);
        var cPath = kernelPath.CString;
        byte[]? list = ReadSized(
            static (p, _, buffer) => Libc.LListXattr(p, buffer, (nuint)buffer.Length), cPath, [], "llistxattr", path);
        if (list is null || list.Length == 0)
            return [];
        var result = new List<(string Name, byte[] Value)>();
        // The list is "name\0name\0...".
        for (int start = 0; start < list.Length;)
        {
            int length = list.AsSpan(start).IndexOf((byte)0);
            if (length < 0)
                length = list.Length - start;
            var name = list.AsSpan(start, length);
            start += length + 1;
            if (name.IsEmpty)
                continue;
            var cName = PathBytes.ToCString(name);
            byte[]? value = ReadSized(
                static (p, n, buffer) => Libc.LGetXattr(p, n, buffer, (nuint)buffer.Length), cPath, cName, "lgetxattr", path);
            if (value is not null)
                result.Add((Encoding.UTF8.GetString(name), value));
        }
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private delegate nint SizedRead(byte[] cPath, byte[] cName, Span<byte> buffer);

    /// <summary>
    /// The size-query-then-read protocol of the xattr calls: ask with an empty buffer, read, and retry while
    /// the value grows in between (ERANGE). Returns null for ENOTSUP/ENODATA (nothing to report).
    /// </summary>
    private static byte[]? ReadSized(SizedRead read, byte[] cPath, byte[] cName, string operation, ReadOnlySpan<byte> path)
    {
        while (true)
        {
            nint size = read(cPath, cName, Span<byte>.Empty);
            if (size >= 0)
            {
                var buffer = new byte[size];
                nint n = size == 0 ? 0 : read(cPath, cName, buffer);
                if (n >= 0)
                    return n == buffer.Length ? buffer : buffer.AsSpan(0, (int)n).ToArray();
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.ERANGE)
                continue;
            if (errno is Errno.ENOTSUP or Errno.ENODATA)
                return null;
            throw new PosixException(errno, operation, path);
        }
    }
}
