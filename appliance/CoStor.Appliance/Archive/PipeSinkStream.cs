using System.Buffers;
using System.IO.Pipelines;

namespace CoStor.Appliance.Archive;

/// <summary>
/// The write end of an archive's pipe, for the archive writers, which write synchronously on their own thread.
/// Each write is flushed to the reader, waiting while the pipe is full (back-pressure: memory stays at the pipe's
/// threshold). When the reader is gone (the download was cut off) or <paramref name="cancellationToken"/> fires,
/// the next write throws <see cref="OperationCanceledException"/>, so the writer stops instead of building the
/// rest of an archive nobody reads.
/// </summary>
internal sealed class PipeSinkStream(PipeWriter writer, CancellationToken cancellationToken) : Stream
{
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
        var result = writer.FlushAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
        if (result.IsCompleted || result.IsCanceled)
            throw new OperationCanceledException("the archive's reader stopped reading");
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
