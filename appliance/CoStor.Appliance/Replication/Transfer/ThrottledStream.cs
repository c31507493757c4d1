namespace CoStor.Appliance.Replication.Transfer;

/// <summary>
/// A read-only view of <c>inner</c> whose reads pass through a <see cref="BandwidthLimiter"/>: each read is at most
/// a quarter second of the rate (so a large buffer does not turn into one long stall) and is paid for before it is
/// returned. Slowing the reads lets TCP's flow control slow the sender. Disposing disposes <c>inner</c>.
/// </summary>
public sealed class ThrottledStream(Stream inner, BandwidthLimiter limiter) : ReadThroughStream(inner)
{
    private readonly int _chunk = limiter.BytesPerSecond is { } rate ? (int)Math.Clamp(rate / 4, 1, 1 << 20) : int.MaxValue;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer[..Math.Min(buffer.Length, _chunk)], cancellationToken);
        await limiter.WaitAsync(read, cancellationToken);
        return read;
    }

    public override ValueTask DisposeAsync() => Inner.DisposeAsync();
}
