using System.Text;
using CoStor.Agent.State;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// An absolute path inside a snapshot (<c>--include /home/ann</c>, <c>ls SNAPSHOT /home</c>) as its name
/// components; "/" is the empty list (the whole snapshot). Names are compared as raw UTF-8 bytes; lookups and joins
/// are <see cref="TreePath"/>'s.
/// </summary>
public static class SnapshotPath
{
    /// <summary>Splits <paramref name="path"/>; throws <see cref="AgentException"/> unless it is absolute and free of "." and "..".</summary>
    public static IReadOnlyList<byte[]> Parse(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
            return [];
        if (path[0] != '/')
            throw new AgentException($"path '{path}' must be absolute (start with '/')");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is "." or ".."))
            throw new AgentException($"path '{path}' must not contain '.' or '..'");
        return parts.Select(Encoding.UTF8.GetBytes).ToArray();
    }
}
