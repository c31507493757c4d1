using System.Security.Cryptography;
using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// A canonical text description of a directory tree — every entry's type, mode, owner, mtime (ns), size,
/// content hash, symlink target, xattrs and hardlink group — so two trees compare byte for byte and
/// attribute for attribute with one string comparison.
/// </summary>
public static class TreeManifest
{
    public static string Of(string root)
    {
        var lines = new List<string>();
        var inodes = new Dictionary<ulong, string>();
        Walk(Encoding.UTF8.GetBytes(root), [], lines, inodes);
        return string.Join('\n', lines);
    }

    private static void Walk(byte[] path, byte[] relative, List<string> lines, Dictionary<ulong, string> inodes)
    {
        var stat = Posix.Lstat(path);
        var name = relative.Length == 0 ? "." : PathBytes.Printable(relative);
        var xattrs = string.Join(",", Posix.ListXattrs(path).Select(x => $"{x.Name}={Convert.ToHexString(x.Value)}"));
        var line = new StringBuilder($"{name} mode={Convert.ToString(stat.Mode, 8)} uid={stat.Uid} gid={stat.Gid} xattrs=[{xattrs}]");
        if (!stat.IsSymlink && relative.Length > 0)
            line.Append($" mtime={stat.MtimeNs}");
        if (stat.IsRegular)
        {
            line.Append($" size={stat.Size} sha256={Hash(path)}");
            if (stat.LinkCount > 1)
            {
                if (inodes.TryGetValue(stat.Inode, out var first))
                    line.Append($" hardlink-of={first}");
                else
                    inodes[stat.Inode] = name;
            }
        }
        if (stat.IsSymlink)
            line.Append($" target={PathBytes.Printable(Posix.ReadLink(path))}");
        lines.Add(line.ToString());
        if (!stat.IsDirectory)
            return;
        foreach (var child in Posix.ListDirectory(path))
            Walk(Join(path, child), relative.Length == 0 ? child : Join(relative, child), lines, inodes);
    }

    private static string Hash(byte[] path)
    {
        using var handle = Posix.OpenRead(path);
        using var stream = new FileStream(handle, FileAccess.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static byte[] Join(byte[] directory, ReadOnlySpan<byte> name)
    {
        var joined = new byte[directory.Length + 1 + name.Length];
        directory.CopyTo(joined, 0);
        joined[directory.Length] = (byte)'/';
        name.CopyTo(joined.AsSpan(directory.Length + 1));
        return joined;
    }
}
