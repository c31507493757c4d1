using System.IO.Pipelines;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// One archive, checked and audited, ready to stream (<see cref="RestoreArchive.Prepare"/>). A web handler sets
/// its headers from <see cref="FileName"/> and <see cref="ContentType"/>, then calls <see cref="WriteToAsync"/>
/// with the response body. Streaming: bytes leave as the archive is built (the first within milliseconds), memory
/// stays flat (a 1 MiB pipe, one chunk, the open directories), and nothing touches the disk. Failures once bytes
/// have left (damaged storage) throw from <see cref="WriteToAsync"/>; the archive is then cut short, so its end
/// record is missing and extractors reject it — the caller must not present it as whole.
/// </summary>
public sealed class ArchiveJob
{
    private const int PipeHigh = 1 << 20, PipeLow = 512 << 10;
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
    /// Builds the archive on a worker thread and copies it to <paramref name="destination"/> as it is made; returns
    /// when the archive's last byte is written (the destination is not flushed or closed). Cancelling, or a
    /// destination that fails, stops the builder too.
    /// </summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PipeHigh, resumeWriterThreshold: PipeLow, useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var builder = Task.Run(() =>
        {
            try
            {
                using (var sink = new PipeSinkStream(pipe.Writer, stop.Token))
                    Write(sink, stop.Token);
                pipe.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await pipe.Reader.CopyToAsync(destination, cancellationToken);
        }
        catch
        {
            await stop.CancelAsync();
            pipe.Reader.Complete();
            try
            {
                await builder;
            }
            catch (Exception)
            {
                // The builder stops because the copy failed: the copy's failure is the one reported.
            }
            throw;
        }
        pipe.Reader.Complete();
        await builder;
    }

    /// <summary>Writes the whole archive to <paramref name="output"/> on the calling thread.</summary>
    private void Write(Stream output, CancellationToken cancellationToken)
    {
        using var blobs = new LocalBlobReader(_database, _packs);
        ArchiveWalker walker;
        using (var sink = Sink(output))
        {
            walker = new ArchiveWalker(blobs, sink, Format, cancellationToken);
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
