using System.Runtime.InteropServices;

namespace CoStor.Appliance.Site;

/// <summary>libc calls .NET does not expose: opening a directory and fsyncing it, the file-creation mask.</summary>
internal static partial class NativeMethods
{
    internal const int O_RDONLY = 0;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    /// <summary>Sets the process's file-creation mask; returns the previous one.</summary>
    [LibraryImport("libc")]
    internal static partial uint umask(uint mask);
}
