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
    /// Calls <paramref name="visit"/> for each entry (not "." or "..") in the order the file system lists them. With
    /// <paramref name="statEntries"/> each entry's lstat is taken relative to the open directory, so the kernel does
    /// not walk the whole path again for every entry; errno ENOENT then means it vanished after the listing.
    /// Nothing is collected here: a directory of 100,000 entries costs no large temporary array.
    /// </summary>
    public static void VisitDirectory(ReadOnlySpan<byte> path, bool statEntries, EntryVisitor visit)
    {
        int fd, errno;
        using (var kernelPath = KernelPath.Of(path))
        {
            fd = Libc.OpenAt(Libc.AT_FDCWD, kernelPath.CString, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0; // before the long-path descriptor is closed
        }
        if (fd < 0)
            throw new PosixException(errno, "open", path);
        VisitOpenDirectory(fd, path, statEntries, visit);
    }

    /// <summary>
    /// <see cref="VisitDirectory"/> for a directory already open as <paramref name="fd"/>, which this takes over
    /// and closes; <paramref name="path"/> only names it in errors.
    /// </summary>
    public static unsafe void VisitOpenDirectory(int fd, ReadOnlySpan<byte> path, bool statEntries, EntryVisitor visit)
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
                if (statEntries)
                {
                    name.CopyTo(cName);
                    cName[name.Length] = 0;
                    statError = StatAt(fd, cName[..(name.Length + 1)], Libc.AT_SYMLINK_NOFOLLOW, out stat);
                }
                visit(name.ToArray(), statError, in stat);
            }
        }
        finally
        {
            Libc.CloseDir(dir); // also closes fd
        }
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
