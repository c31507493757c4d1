using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Ingest;

/// <summary>
/// Where an upload writes the bytes of a blob that is new to the uploading agent but already held by the
/// appliance (another PC uploaded it). The bytes are appended and fsynced exactly as a new blob's are in its
/// pack, so an upload takes the same durable path — and about the same time, and fails the same way on a full
/// disk — whether or not anyone else holds its blobs; nothing written here is ever read. The file is cut back
/// to empty when it is next rented after passing <see cref="RecycleLength"/>, so that cost falls on whichever
/// upload rents it next, not on the one whose blobs were held.
/// </summary>
public sealed class ShadowFile : IDisposable
{
    /// <summary>Length past which the file is emptied at its next rental (bounds its disk use).</summary>
    public const long RecycleLength = 32L << 20;

    private readonly FileStream _stream;
    private readonly CoalescingWriteStream _writes;

    public ShadowFile(string path)
    {
        _stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        _writes = new CoalescingWriteStream(_stream);
    }

    public long Length => _writes.Length;

    public void Write(ReadOnlySpan<byte> bytes) => _writes.Write(bytes);

    /// <summary>Writes out what is buffered and fsyncs, as <see cref="OpenPack.FlushToDisk"/> does for a pack.</summary>
    public void FlushToDisk()
    {
        _writes.Flush();
        _stream.Flush(flushToDisk: true);
    }

    /// <summary>Drops what a refused upload buffered; called when the file is handed back.</summary>
    public void Discard() => _writes.Discard();

    /// <summary>Empties the file once it passed <see cref="RecycleLength"/>.</summary>
    public void RecycleIfLong()
    {
        if (_writes.Length < RecycleLength)
            return;
        _writes.SetLength(0);
        _writes.Position = 0;
    }

    public void Dispose()
    {
        _writes.Dispose();
        _stream.Dispose();
    }
}
