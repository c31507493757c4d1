using System.IO.Pipelines;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// One archive, checked and audited, ready to stream (<see cref="RestoreArchive.Prepare"/>). A web handler sets
/// its headers from <see cref="FileName"/> and <see cref="ContentType"/>, then calls <see cref="WriteToAsync"/>
/// with the response's writer. Streaming: bytes leave as the archive is built (the first within milliseconds), memory
/// stays flat (the response's buffer, one chunk, the open directories), and nothing touches the disk. Failures once bytes
/// have left (damaged storage) throw from <see cref="WriteToAsync"/>; the archive is then cut short, so its end
/// record is missing and extractors reject it — the caller must not present it as whole.
/// </summary>
public sealed class ArchiveJob
{
    private readonly CatalogueDatabase _database;
    private readonly PackFiles _packs;
    private readonly TreeNode _top;

    internal ArchiveJob(CatalogueDatabase database, PackFiles packs, string snapshotId, string host, BrowsePath path, ArchiveFormat format, TreeNode top, bool deflate)
    {
        (_database, _packs, _top) = (database, packs, top);
        (SnapshotId, Path, Format, Deflate) = (snapshotId, path, format, deflate);
        var stem = path.IsRoot ? host : TreeNames.Printable(path.Name);
        FileName = $"{Safe(stem)}-{snapshotId[..Math.Min(8, snapshotId.Length)]}{ArchiveFormats.Extension(format)}";
    }

    public string SnapshotId { get; }
    public BrowsePath Path { get; }
    public ArchiveFormat Format { get; }

    /// <summary>Zip only: deflate files whose data compresses (else every entry is Stored).</summary>
    public bool Deflate { get; }

    /// <summary>A download name in plain ASCII: the folder's name (the host's for a whole snapshot), the snapshot id's first 8 digits, the extension.</summary>
    public string FileName { get; }

    public string ContentType => ArchiveFormats.ContentType(Format);

    /// <summary>Entries written by the last completed <see cref="WriteToAsync"/>.</summary>
    public long Entries { get; private set; }

    /// <summary>
    /// Builds the archive on a worker thread straight into <paramref name="destination"/> (an HTTP response's own
    /// writer: one copy, into its pooled buffers) and returns when the archive's last byte is flushed (the writer
    /// is not completed). Cancelling, or a destination that fails, stops the builder; the failure is thrown.
    /// </summary>
    public Task WriteToAsync(PipeWriter destination, CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var sink = new PipeSinkStream(destination, cancellationToken);
        Write(sink, cancellationToken);
    }, CancellationToken.None);

    /// <summary>As <see cref="WriteToAsync(PipeWriter, CancellationToken)"/> into a stream (a file, stdout), which is left open.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var writer = PipeWriter.Create(destination, new StreamPipeWriterOptions(minimumBufferSize: PipeSinkStream.FlushThreshold, leaveOpen: true));
        try
        {
            await WriteToAsync(writer, cancellationToken);
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    /// <summary>Writes the whole archive to <paramref name="output"/> on the calling thread.</summary>
    private void Write(Stream output, CancellationToken cancellationToken)
    {
        using var blobs = new LocalBlobReader(_database, _packs);
        // One pair of chunk buffers for every file of the archive: tens of thousands of files, one rental.
        using var buffers = new ChunkBuffers();
        ArchiveWalker walker;
        using (var sink = Sink(output))
        {
            walker = new ArchiveWalker(blobs, buffers, sink, Format, cancellationToken);
            walker.Write(_top, Path.IsRoot);
        }
        Entries = walker.Entries;
    }

    private IArchiveSink Sink(Stream output) => Format switch
    {
        ArchiveFormat.Zip => new ZipSink(output, Deflate),
        ArchiveFormat.Tar => new TarSink(output, gzip: false),
        _ => new TarSink(output, gzip: true),
    };

    private static string Safe(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var safe = new string(chars).Trim('.');
        return safe.Length == 0 ? "snapshot" : safe[..Math.Min(safe.Length, 80)];
    }
}
