using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Storage;

/// <summary>
/// A pack still being filled, rented by one upload at a time. Appended frames become part of the pack only
/// at <see cref="Commit"/> (after <see cref="FlushToDisk"/> and the catalogue commit); <see cref="Rollback"/>
/// cuts everything appended since, so a refused upload leaves no trace.
/// </summary>
public sealed class OpenPack : IDisposable
{
    private readonly FileStream _stream;
    // What the writer writes through: small frames are gathered into large writes until FlushToDisk.
    private readonly CoalescingWriteStream _writes;
    private PackWriter _writer;
    private int _committedCount;
    private long _committedLength;

    private OpenPack(long id, string path, FileStream stream, CoalescingWriteStream writes, PackWriter writer)
    {
        Id = id;
        Path = path;
        _stream = stream;
        _writes = writes;
        _writer = writer;
        _committedCount = writer.Entries.Count;
        _committedLength = writer.Length;
    }

    public long Id { get; }

    /// <summary>The slots this pack was rented from, released when it is returned (null while idle).</summary>
    internal SemaphoreSlim? RentedFrom { get; set; }

    /// <summary>When the pack was last given back after an upload (what makes an open pack idle).</summary>
    internal DateTimeOffset ReturnedAt { get; set; }
    public string Path { get; }
    public long Length => _writer.Length;
    public long CommittedLength => _committedLength;
    public IReadOnlyList<PackIndexEntry> Entries => _writer.Entries;

    /// <summary>Frames appended since the last commit.</summary>
    public IEnumerable<PackIndexEntry> Pending => _writer.Entries.Skip(_committedCount);

    public static OpenPack Create(long id, string path)
    {
        var stream = OpenStream(path, FileMode.CreateNew);
        var writes = new CoalescingWriteStream(stream);
        var writer = new PackWriter(writes);
        // The header goes out now: a rollback discards what is buffered, and the header is never rolled back.
        writes.Flush();
        return new OpenPack(id, path, stream, writes, writer);
    }

    /// <summary>Reopens an open pack after a restart, keeping exactly <paramref name="indexed"/> frames.</summary>
    public static OpenPack Resume(long id, string path, IReadOnlyList<PackIndexEntry> indexed)
    {
        var stream = OpenStream(path, FileMode.Open);
        var end = indexed.Count == 0 ? PackFormat.HeaderLength : indexed[^1].Offset + indexed[^1].Length;
        if (stream.Length < end)
        {
            // SetLength would pad the gap with zeros and the writer would carry on over a hole.
            stream.Dispose();
            throw new CoStor.Core.Errors.CorruptPackException($"open pack {path} is {new FileInfo(path).Length} bytes, shorter than its {end} bytes of frames");
        }
        stream.SetLength(end);
        stream.Position = end;
        var writes = new CoalescingWriteStream(stream);
        return new OpenPack(id, path, stream, writes, PackWriter.Resume(writes, indexed));
    }

    public long Append(BlobType type, in BlobId id, ReadOnlySpan<byte> blob) => _writer.Append(type, id, blob);

    /// <summary>Streamed append (see <see cref="PackWriter.BeginFrame"/>); <see cref="Rollback"/> removes a frame left open.</summary>
    public void BeginFrame(BlobType type, in BlobId id, int length) => _writer.BeginFrame(type, id, length);

    public void WriteBlob(ReadOnlySpan<byte> bytes) => _writer.WriteBlob(bytes);

    public long EndFrame() => _writer.EndFrame();

    public void FlushToDisk()
    {
        _writes.Flush();
        _stream.Flush(flushToDisk: true);
    }

    public void Commit()
    {
        _committedCount = _writer.Entries.Count;
        _committedLength = _writer.Length;
    }

    public void Rollback()
    {
        if (_writer.Entries.Count == _committedCount && _writer.Length == _committedLength && !_writer.HasOpenFrame)
            return;
        var kept = _writer.Entries.Take(_committedCount).ToList();
        _writes.Discard();
        _stream.SetLength(_committedLength);
        _stream.Position = _committedLength;
        _writer = PackWriter.Resume(_writes, kept);
    }

    /// <summary>Appends index and trailer and fsyncs; the pack is complete afterwards.</summary>
    public void Finish()
    {
        _writer.Finish();
        FlushToDisk();
    }

    /// <summary>The pack's name, known once <see cref="Finish"/> wrote the index.</summary>
    public BlobId Name => _writer.Name ?? throw new InvalidOperationException("the pack is not finished");

    public void Dispose()
    {
        _writes.Dispose();
        _stream.Dispose();
    }

    private static FileStream OpenStream(string path, FileMode mode)
    {
        // Unbuffered: the CoalescingWriteStream in front gathers small writes and holds no buffer while idle.
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 };
        if (mode == FileMode.CreateNew)
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        return new FileStream(path, options);
    }
}
