using System.Runtime.InteropServices;

namespace CoStor.Agent.Restore;

/// <summary>Who the restore runs as: owners (uid/gid) are restored only by root, who alone may give files away.</summary>
public static partial class ProcessIdentity
{
    /// <summary>True when the effective user id is 0.</summary>
    public static bool IsRoot => GetEuid() == 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
