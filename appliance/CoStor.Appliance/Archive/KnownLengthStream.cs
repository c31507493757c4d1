using CoStor.Core.Reading;

namespace CoStor.Appliance.Archive;

/// <summary>
/// A file's content for <see cref="System.Formats.Tar.TarWriter"/>, which writes an entry's size in its header
/// before the data and so, on a non-seekable archive stream, takes only data streams that report a length
/// (<c>CanSeek</c>, <c>Length</c>, <c>Position</c>). This stream reports the tree's size; it never seeks (Seek
/// throws), and <see cref="FileContentStream"/> fails at the end if the content is not exactly that long.
/// </summary>
internal sealed class KnownLengthStream(FileContentStream inner) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => inner.FileLength;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
