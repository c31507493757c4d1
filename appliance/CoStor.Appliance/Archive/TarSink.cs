using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// Writes a PAX tar (optionally through gzip at the fastest level): long names and link targets, uid/gid, modes and
/// mtimes (to 100 ns) go in PAX records where ustar's fields are too small. User and group names are empty (trees
/// keep numeric owners only). The second and later names of a hard-linked file are hardlink entries naming the
/// first; symlinks, FIFOs and directories are entries of their own type; sparse files are written as plain data.
/// </summary>
internal sealed class TarSink : IArchiveSink
{
    private readonly GZipStream? _gzip;
    private readonly TarWriter _tar;

    public TarSink(Stream output, bool gzip)
    {
        var target = output;
        if (gzip)
            target = _gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
        _tar = new TarWriter(target, TarEntryFormat.Pax, leaveOpen: true);
    }

    public void Directory(string name, TreeNode node) => _tar.WriteEntry(Entry(TarEntryType.Directory, name + "/", node));

    public void File(string name, TreeNode node, FileContentStream content, bool compressible)
    {
        var entry = Entry(TarEntryType.RegularFile, name, node);
        using var data = new KnownLengthStream(content);
        entry.DataStream = data;
        _tar.WriteEntry(entry);
    }

    public void Hardlink(string name, TreeNode node, string first, Func<FileContentStream> content, bool compressible)
    {
        var entry = Entry(TarEntryType.HardLink, name, node);
        entry.LinkName = first;
        _tar.WriteEntry(entry);
    }

    public void Symlink(string name, TreeNode node)
    {
        var entry = Entry(TarEntryType.SymbolicLink, name, node);
        entry.LinkName = LinkText(node.LinkTarget);
        _tar.WriteEntry(entry);
    }

    public void Fifo(string name, TreeNode node) => _tar.WriteEntry(Entry(TarEntryType.Fifo, name, node));

    private static PaxTarEntry Entry(TarEntryType type, string name, TreeNode node) => new(type, name)
    {
        Mode = (UnixFileMode)(node.Mode & 0xFFF),
        Uid = (int)Math.Min(node.Uid, int.MaxValue),
        Gid = (int)Math.Min(node.Gid, int.MaxValue),
        ModificationTime = DateTimeOffset.UnixEpoch.AddTicks(node.MtimeNs / 100),
    };

    /// <summary>A symlink target as text: valid UTF-8 as it is, control characters and other bytes as %XX (the name rule, docs/restore-archives.md).</summary>
    private static string LinkText(byte[] target)
    {
        var text = new StringBuilder(target.Length);
        var rest = target.AsSpan();
        while (!rest.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(rest, out var rune, out int consumed) == System.Buffers.OperationStatus.Done && !System.Text.Rune.IsControl(rune))
                text.Append(rune.ToString());
            else
                foreach (byte b in rest[..consumed])
                    text.Append('%').Append(Convert.ToHexString([b]));
            rest = rest[consumed..];
        }
        return text.ToString();
    }

    public void Dispose()
    {
        _tar.Dispose();
        _gzip?.Dispose();
    }
}
