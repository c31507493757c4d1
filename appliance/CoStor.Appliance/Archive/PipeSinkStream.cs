using System.Buffers;
using System.IO.Pipelines;

namespace CoStor.Appliance.Archive;

/// <summary>
/// The archive writers' output: a synchronous <see cref="Stream"/> over the destination's <see cref="PipeWriter"/>
/// (the HTTP response's own writer, or one over a file), for writers that run on their own thread. Bytes are
/// copied once, into the destination's pooled buffers, and flushed whenever <see cref="FlushThreshold"/> of them
/// are waiting (so tens of thousands of small entries do not each cost a flush), on <see cref="Flush"/> and on
/// dispose; a flush waits while the destination is full (back-pressure: memory stays at its buffer size). When the
/// reader is gone (the download was cut off) or <paramref name="cancellationToken"/> fires, the next flush throws
/// <see cref="OperationCanceledException"/>, so the writer stops instead of building an archive nobody reads.
/// </summary>
internal sealed class PipeSinkStream(PipeWriter writer, CancellationToken cancellationToken) : Stream
{
    public const int FlushThreshold = 64 << 10;
    private int _unflushed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
            return;
        writer.Write(buffer);
        _unflushed += buffer.Length;
        if (_unflushed >= FlushThreshold)
            Flush();
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        _unflushed = 0;
        var result = writer.FlushAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        if (result.IsCompleted || result.IsCanceled)
            throw new OperationCanceledException("the archive's reader stopped reading");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _unflushed > 0)
            Flush();
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
