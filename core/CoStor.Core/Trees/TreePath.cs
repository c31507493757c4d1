namespace CoStor.Core.Trees;

/// <summary>
/// Byte paths inside a snapshot: "/" then names joined by '/', as lists of name components ("/" is the empty
/// list). Names are raw bytes, compared ordinally, as trees sort them.
/// </summary>
public static class TreePath
{
    /// <summary>The entry named <paramref name="name"/> in a decoded directory (sorted by name bytes), or null.</summary>
    public static TreeNode? Find(IReadOnlyList<TreeNode> nodes, ReadOnlySpan<byte> name)
    {
        int index = IndexOf(nodes, name);
        return index >= 0 ? nodes[index] : null;
    }

    /// <summary>Binary search by name: the entry's index, or the bitwise complement of where it would be.</summary>
    public static int IndexOf(IReadOnlyList<TreeNode> nodes, ReadOnlySpan<byte> name)
    {
        int low = 0, high = nodes.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            int c = nodes[mid].Name.AsSpan().SequenceCompareTo(name);
            if (c == 0)
                return mid;
            if (c < 0)
                low = mid + 1;
            else
                high = mid - 1;
        }
        return ~low;
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
