namespace CoStor.Appliance.Replication.Transfer;

/// <summary>
/// A read-only view of <c>inner</c> whose reads pass through a <see cref="BandwidthLimiter"/>: each read is at most
/// a quarter second of the rate (so a large buffer does not turn into one long stall) and is paid for before it is
/// returned. Slowing the reads lets TCP's flow control slow the sender. Disposing disposes <c>inner</c>.
/// </summary>
public sealed class ThrottledStream(Stream inner, BandwidthLimiter limiter) : Stream
{
    private readonly int _chunk = limiter.BytesPerSecond is { } rate ? (int)Math.Clamp(rate / 4, 1, 1 << 20) : int.MaxValue;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer[..Math.Min(buffer.Length, _chunk)], cancellationToken);
        await limiter.WaitAsync(read, cancellationToken);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

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

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
