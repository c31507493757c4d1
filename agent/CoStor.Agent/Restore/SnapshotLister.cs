using System.Globalization;
using CoStor.Agent.FileSystem;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// Lists a loaded <see cref="SnapshotTree"/> for <c>ls</c>: the entry at the path itself (unless it is "/")
/// and everything below it, depth-first in name order, one line each:
/// <c>type mode uid/gid size mtime path[ -> target]</c>, e.g.
/// <c>- 0644 1000/1000 5 2024-05-01T10:00:00Z /home/ann/a.txt</c>. Type is d, -, l or p; mode is 4 octal
/// digits; mtime is UTC to the second; path and target are <see cref="PathBytes.Printable"/>.
/// </summary>
public static class SnapshotLister
{
    /// <summary>Writes the listing; returns one message per directory whose tree could not be read (its entries are missing).</summary>
    public static List<string> Write(TextWriter output, SnapshotTree tree, IReadOnlyList<byte[]> path)
    {
        var problems = new List<string>();
        if (!tree.TryGet(tree.Root.Id, out var nodes, out var error))
            throw new InvalidOperationException($"root tree not loaded: {error}");
        for (int depth = 0; depth < path.Count; depth++)
        {
            var node = TreePath.Find(nodes, path[depth]) ?? throw new InvalidOperationException("path not loaded");
            if (depth == path.Count - 1)
            {
                WriteEntry(output, tree, node, TreePath.Join(path, path.Count), problems);
                return problems;
            }
            if (!tree.TryGet(node.Subtree!.Value.Id, out nodes, out error))
                throw new InvalidOperationException($"path tree not loaded: {error}");
        }
        WriteChildren(output, tree, nodes, "/"u8.ToArray(), problems);
        return problems;
    }

    private static void WriteEntry(TextWriter output, SnapshotTree tree, TreeNode node, byte[] path, List<string> problems)
    {
        output.WriteLine(Format(node, path));
        if (node.Type != NodeType.Directory)
            return;
        if (tree.TryGet(node.Subtree!.Value.Id, out var children, out var error))
            WriteChildren(output, tree, children, path, problems);
        else
            problems.Add($"'{PathBytes.Printable(path)}': cannot list: {error}");
    }

    private static void WriteChildren(TextWriter output, SnapshotTree tree, IReadOnlyList<TreeNode> nodes, byte[] parent, List<string> problems)
    {
        foreach (var node in nodes)
            WriteEntry(output, tree, node, TreePath.Child(parent, node.Name), problems);
    }

    /// <summary>One listing line for <paramref name="node"/> at <paramref name="path"/>.</summary>
    public static string Format(TreeNode node, ReadOnlySpan<byte> path)
    {
        char type = node.Type switch
        {
            NodeType.Directory => 'd',
            NodeType.Symlink => 'l',
            NodeType.Fifo => 'p',
            _ => '-',
        };
        var mode = Convert.ToString(node.Mode, 8).PadLeft(4, '0');
        var line = $"{type} {mode} {node.Uid}/{node.Gid} {node.Size,12} {FormatTime(node.MtimeNs)} {PathBytes.Printable(path)}";
        return node.Type == NodeType.Symlink ? $"{line} -> {PathBytes.Printable(node.LinkTarget)}" : line;
    }

    /// <summary>ISO-8601 UTC to the second (rounded down), e.g. 2024-05-01T10:00:00Z.</summary>
    public static string FormatTime(long unixNanoseconds)
    {
        long seconds = Math.DivRem(unixNanoseconds, 1_000_000_000L, out long rest);
        if (rest < 0)
            seconds--;
        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
