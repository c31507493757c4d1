using System.Globalization;
using System.Text;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// A path in the form a system call accepts. The kernel refuses paths of PATH_MAX (4096) bytes or more
/// (ENAMETOOLONG), yet a deep tree holds them. Such a path's parent directory is opened a piece at a time — each
/// piece shorter than PATH_MAX, relative to the directory before — and the entry is named
/// <c>/proc/self/fd/N/NAME</c>, which the kernel resolves through that open descriptor. Shorter paths are passed
/// as they are. Dispose closes the descriptor.
/// </summary>
public readonly struct KernelPath : IDisposable
{
    /// <summary>Longest path passed as it is: below PATH_MAX with its NUL, with room to spare.</summary>
    internal const int MaxDirectLength = 4000;

    private readonly int _directoryFd;

    private KernelPath(byte[] cString, int directoryFd) => (CString, _directoryFd) = (cString, directoryFd);

    /// <summary>The NUL-terminated path to pass to the kernel.</summary>
    public byte[] CString { get; }

    /// <summary>
    /// The path as the kernel will accept it. A long path must be absolute with a parent (the walk's paths are);
    /// any other is passed as it is, and the kernel's ENAMETOOLONG names the problem.
    /// </summary>
    public static KernelPath Of(ReadOnlySpan<byte> path)
    {
        var slash = path.LastIndexOf((byte)'/');
        if (path.Length < MaxDirectLength || path.IsEmpty || path[0] != (byte)'/' || slash <= 0)
            return new KernelPath(PathBytes.ToCString(path), -1);
        var fd = OpenDirectory(path[..slash], path);
        var alias = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}/"));
        return new KernelPath([.. alias, .. path[(slash + 1)..], 0], fd);
    }

    /// <summary>Opens <paramref name="directory"/> (O_PATH) in pieces of fewer than <see cref="MaxDirectLength"/> bytes.</summary>
    private static int OpenDirectory(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> path)
    {
        var fd = Libc.AT_FDCWD;
        var start = 0;
        while (start < directory.Length)
        {
            var end = directory.Length - start <= MaxDirectLength
                ? directory.Length
                : start + directory.Slice(start, MaxDirectLength).LastIndexOf((byte)'/');
            if (end <= start)
                throw new PosixException(Errno.ENAMETOOLONG, "open", path);
            var next = Libc.OpenAt(fd, PathBytes.ToCString(directory[start..end]), Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
            var error = next < 0 ? PosixException.FromLastError("open", directory[..end]) : null;
            if (fd != Libc.AT_FDCWD)
                Libc.Close(fd);
            if (error is not null)
                throw error;
            fd = next;
            start = end + 1;
        }
        return fd;
    }

    public void Dispose()
    {
        if (_directoryFd >= 0)
            Libc.Close(_directoryFd);
    }
}
