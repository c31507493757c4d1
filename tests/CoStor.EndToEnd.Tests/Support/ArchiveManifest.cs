using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using CoStor.Agent.FileSystem;
using CoStor.Appliance.Archive;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// One line per entry of a source tree or of an archive, holding what the format carries (tar: type, mode, owner,
/// mtime to 100 ns, size, SHA-256, link; zip: type, mode, mtime to its 2 s, size, SHA-256, symlink target), so an
/// archive compares with its source byte for byte and attribute for attribute in one assertion.
/// </summary>
public static class ArchiveManifest
{
    /// <summary>The lines an archive of <paramref name="root"/> must hold, its entries named below <paramref name="top"/>.</summary>
    public static List<string> OfSource(string root, string top, ArchiveFormat format)
    {
        var lines = new List<string>();
        Walk(System.Text.Encoding.UTF8.GetBytes(root), top, format, lines, []);
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static void Walk(byte[] path, string name, ArchiveFormat format, List<string> lines, Dictionary<ulong, string> inodes)
    {
        var stat = Posix.Lstat(path);
        bool zip = format == ArchiveFormat.Zip;
        string Attributes() => zip
            ? $"{Octal(stat.Permissions)} {stat.MtimeNs / 1_000_000_000 / 2 * 2}"
            : $"{Octal(stat.Permissions)} {stat.Uid}/{stat.Gid} {stat.MtimeNs / 100}";
        if (stat.IsDirectory)
        {
            lines.Add($"{name}/ d {Attributes()}");
            var children = Posix.ListDirectory(path);
            children.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
            foreach (var child in children)
                Walk(TreeManifest.Join(path, child), name + "/" + ArchiveNames.Component(child, format), format, lines, inodes);
        }
        else if (stat.IsSymlink)
        {
            lines.Add($"{name} l -> {System.Text.Encoding.UTF8.GetString(Posix.ReadLink(path))}");
        }
        else if (stat.IsFifo)
        {
            if (!zip)
                lines.Add($"{name} p {Attributes()}");
        }
        else if (!zip && stat.LinkCount > 1 && inodes.TryGetValue(stat.Inode, out var first))
        {
            lines.Add($"{name} h -> {first}");
        }
        else
        {
            if (stat.LinkCount > 1)
                inodes[stat.Inode] = name;
            using var handle = Posix.OpenRead(path);
            using var stream = new FileStream(handle, FileAccess.Read, 1 << 20);
            lines.Add($"{name} f {Attributes()} {stat.Size} {Convert.ToHexStringLower(SHA256.HashData(stream))}");
        }
    }

    /// <summary>The lines of a tar (plain or gzip-compressed), content hashed as it streams.</summary>
    public static List<string> OfTar(Stream archive, bool gzip)
    {
        var lines = new List<string>();
        using var tar = new TarReader(gzip ? new GZipStream(archive, CompressionMode.Decompress) : archive);
        while (tar.GetNextEntry() is { } entry)
        {
            var attributes = $"{Octal((uint)entry.Mode)} {entry.Uid}/{entry.Gid} {(entry.ModificationTime - DateTimeOffset.UnixEpoch).Ticks}";
            lines.Add(entry.EntryType switch
            {
                TarEntryType.Directory => $"{entry.Name} d {attributes}",
                TarEntryType.SymbolicLink => $"{entry.Name} l -> {entry.LinkName}",
                TarEntryType.HardLink => $"{entry.Name} h -> {entry.LinkName}",
                TarEntryType.Fifo => $"{entry.Name} p {attributes}",
                TarEntryType.RegularFile => $"{entry.Name} f {attributes} {entry.Length} {Hash(entry.DataStream ?? Stream.Null)}",
                _ => $"{entry.Name} unexpected {entry.EntryType}",
            });
        }
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    /// <summary>The lines of a zip, content hashed as it streams.</summary>
    public static List<string> OfZip(ZipArchive zip)
    {
        var lines = new List<string>();
        foreach (var entry in zip.Entries)
        {
            var type = (entry.ExternalAttributes >>> 16) & 0xF000;
            var attributes = $"{Octal((uint)(entry.ExternalAttributes >>> 16) & 0xFFF)} {entry.LastWriteTime.ToUnixTimeSeconds()}";
            using var data = entry.Open();
            lines.Add(type switch
            {
                0x4000 => $"{entry.FullName} d {attributes}",
                0xA000 => $"{entry.FullName} l -> {new StreamReader(data).ReadToEnd()}",
                _ => $"{entry.FullName} f {attributes} {entry.Length} {Hash(data)}",
            });
        }
        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static string Hash(Stream data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Octal(uint mode) => Convert.ToString(mode, 8).PadLeft(4, '0').ToString(CultureInfo.InvariantCulture);
}
