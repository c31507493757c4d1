using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// A failed libc call. Carries the errno and the path involved (printable, see <see cref="PathBytes.Printable"/>);
/// the message reads "operation 'path': strerror text (errno N)".
/// </summary>
public sealed class PosixException : IOException
{
    public PosixException(int errno, string operation, string path)
        : base($"{operation} '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})")
    {
        Errno = errno;
        Operation = operation;
        Path = path;
    }

    public PosixException(int errno, string operation, ReadOnlySpan<byte> path)
        : this(errno, operation, PathBytes.Printable(path))
    {
    }

    /// <summary>The errno value, e.g. <see cref="FileSystem.Errno.ENOENT"/>.</summary>
    public int Errno { get; }

    /// <summary>The libc function that failed, e.g. "openat".</summary>
    public string Operation { get; }

    /// <summary>The path, printable (invalid UTF-8 and control bytes escaped as \xNN).</summary>
    public string Path { get; }

    /// <summary>Throws for the errno of the P/Invoke that just failed.</summary>
    internal static PosixException FromLastError(string operation, ReadOnlySpan<byte> path) =>
        new(Marshal.GetLastPInvokeError(), operation, path);
}
