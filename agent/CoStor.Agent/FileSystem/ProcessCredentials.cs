using System.Globalization;
using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>The ids and file-creation mask this process creates files with.</summary>
public static partial class ProcessCredentials
{
    public static uint Euid => GetEuid();

    /// <summary>
    /// The process umask, read from <c>/proc/self/status</c> (the umask call can only be read by changing it,
    /// which would race with other threads creating files); null where /proc does not say.
    /// </summary>
    public static uint? Umask { get; } = ReadUmask();

    private static uint? ReadUmask()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Umask:", StringComparison.Ordinal))
                    return Convert.ToUInt32(line["Umask:".Length..].Trim(), 8);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
