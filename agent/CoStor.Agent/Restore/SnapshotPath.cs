using System.Text;
using CoStor.Agent.State;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// An absolute path inside a snapshot (<c>--include /home/ann</c>, <c>ls SNAPSHOT /home</c>) as its name
/// components; "/" is the empty list (the whole snapshot). Names are compared as raw UTF-8 bytes.
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

    /// <summary>The entry named <paramref name="name"/> (trees are sorted by name bytes), or null.</summary>
    public static TreeNode? Find(IReadOnlyList<TreeNode> nodes, ReadOnlySpan<byte> name)
    {
        int low = 0, high = nodes.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            int c = nodes[mid].Name.AsSpan().SequenceCompareTo(name);
            if (c == 0)
                return nodes[mid];
            if (c < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return null;
    }

    /// <summary>"/a/b" for components a, b (the first <paramref name="count"/> of them); "/" for none.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> components, int count)
    {
        if (count == 0)
            return "/"u8.ToArray();
        var result = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            result.Add((byte)'/');
            result.AddRange(components[i]);
        }
        return [.. result];
    }

    /// <summary><paramref name="parent"/> + "/" + <paramref name="name"/>, where "/" as parent adds no second slash.</summary>
    public static byte[] Child(ReadOnlySpan<byte> parent, ReadOnlySpan<byte> name) =>
        parent.SequenceEqual("/"u8) ? [(byte)'/', .. name] : [.. parent, (byte)'/', .. name];
}
