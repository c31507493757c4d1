using System.IO.Compression;
using System.Text;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// Writes a zip in streaming Create mode (any stream, seekable or not: sizes go in data descriptors, zip64 records
/// where a size, offset or the entry count needs them), names in UTF-8. Unix modes travel in the external
/// attributes (<c>(S_IFxxx | mode) &lt;&lt; 16</c>, as Info-ZIP writes them), mtimes as DOS times (2-second steps,
/// 1980–2107, in the appliance's time zone). Data is Stored unless <paramref name="deflate"/> asks for compression:
/// deflate runs at 50–100 MB/s per core on typical files (below a gigabit LAN; docs/performance.md, "Restore
/// archives"), so it is opt-in, and even then only for files whose chunks shrank when stored (already-compressed
/// data would cost the same for nothing).
/// Zip has no hardlinks: every name of a file carries its content. Symlinks are entries whose data is the target
/// (Info-ZIP's convention). FIFOs are left out. The central directory (about 100 bytes per entry) stays in memory
/// until the end, as in any streaming zip writer.
/// </summary>
internal sealed class ZipSink(Stream output, bool deflate) : IArchiveSink
{
    private const int RegularFile = 0x8000, DirectoryType = 0x4000, SymlinkType = 0xA000;
    private const int CopyBuffer = 1 << 20;
    private static readonly DateTimeOffset Earliest = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);
    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

    public void Directory(string name, TreeNode node) => Entry(name + "/", node, DirectoryType, CompressionLevel.NoCompression).Open().Dispose();

    public void File(string name, TreeNode node, FileContentStream content, bool compressible)
    {
        var level = deflate && compressible && node.Size > 0 ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
        using var data = Entry(name, node, RegularFile, level).Open();
        content.CopyTo(data, CopyBuffer);
    }

    public void Hardlink(string name, TreeNode node, string first, Func<FileContentStream> content, bool compressible)
    {
        using var again = content();
        File(name, node, again, compressible);
    }

    public void Symlink(string name, TreeNode node)
    {
        using var data = Entry(name, node, SymlinkType, CompressionLevel.NoCompression).Open();
        data.Write(node.LinkTarget);
    }

    public void Fifo(string name, TreeNode node)
    {
        // Zip cannot hold a FIFO (extractors would make it an empty file): it is left out, as documented.
    }

    private ZipArchiveEntry Entry(string name, TreeNode node, int type, CompressionLevel level)
    {
        var entry = _zip.CreateEntry(name, level);
        entry.ExternalAttributes = (type | (int)(node.Mode & 0xFFF)) << 16;
        var mtime = DateTimeOffset.UnixEpoch.AddTicks(node.MtimeNs / 100);
        entry.LastWriteTime = mtime < Earliest ? Earliest : mtime > Latest ? Latest : mtime;
        return entry;
    }

    public void Dispose() => _zip.Dispose();
}
