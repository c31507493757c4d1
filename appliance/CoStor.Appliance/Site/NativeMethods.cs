using System.Runtime.InteropServices;

namespace CoStor.Appliance.Site;

/// <summary>libc calls .NET does not expose: fsync on a directory handle.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fsync(int fd);
}
