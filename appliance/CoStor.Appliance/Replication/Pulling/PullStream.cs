using CoStor.Appliance.Replication.Transfer;

namespace CoStor.Appliance.Replication.Pulling;

/// <summary>
/// Guards the body of one pack pull: reads stop after <c>limit</c> bytes (never past the size the owner announced,
/// whatever the peer sends), and a read that makes no progress for <c>stall</c> is cancelled. The stall watchdog
/// replaces a whole-request timeout, which would cut a 32 MiB pull on a slow link; disposing disposes <c>inner</c>.
/// </summary>
public sealed class PullStream(Stream inner, long limit, TimeSpan stall, CancellationToken cancellationToken) : ReadThroughStream(inner)
{
    private readonly CancellationTokenSource _watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private readonly long _limit = limit;
    private long _left = limit;

    /// <summary>Bytes read so far.</summary>
    public long Received => _limit - _left;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
    {
        if (_left == 0)
            return 0;
        _watchdog.CancelAfter(stall);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, _watchdog.Token);
        int read;
        try
        {
            read = await Inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], linked.Token);
        }
        catch (OperationCanceledException) when (_watchdog.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !token.IsCancellationRequested)
        {
            throw new TimeoutException($"no data from the peer for {stall.TotalSeconds:0} s");
        }
        _left -= read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _watchdog.Dispose();
        }
        base.Dispose(disposing);
    }
}
