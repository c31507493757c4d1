using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Restore;

/// <summary>Who the restore runs as: owners (uid/gid) are restored only by root, who alone may give files away.</summary>
public static class ProcessIdentity
{
    /// <summary>True when the effective user id is 0.</summary>
    public static bool IsRoot => ProcessCredentials.Euid == 0;
}
