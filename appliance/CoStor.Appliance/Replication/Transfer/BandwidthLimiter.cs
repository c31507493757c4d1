namespace CoStor.Appliance.Replication.Transfer;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: <c>bytesPerSecond</c> tokens a second, holding at most one
/// second's worth, so after any idle time a transfer bursts by at most one second of its rate. The bucket starts
/// empty (a new pull gets no burst). A null or non-positive rate is unlimited. Safe for concurrent callers: they
/// share the rate.
/// </summary>
public sealed class BandwidthLimiter
{
    private readonly double _rate;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _stamp;

    public BandwidthLimiter(long? bytesPerSecond, TimeProvider time)
    {
        _rate = bytesPerSecond is > 0 ? bytesPerSecond.Value : 0;
        _time = time;
        _stamp = time.GetTimestamp();
    }

    public bool Unlimited => _rate == 0;

    /// <summary>Bytes per second, or null when unlimited.</summary>
    public long? BytesPerSecond => Unlimited ? null : (long)_rate;

    /// <summary>
    /// Returns once <paramref name="bytes"/> may pass. A request above one second's worth is granted a second's
    /// worth at a time, so it waits as long as the rate says but never takes more than the bucket holds.
    /// </summary>
    public async ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        if (Unlimited || bytes <= 0)
            return;
        double owed = bytes;
        while (owed > 0)
        {
            var want = Math.Min(owed, _rate);
            TimeSpan wait;
            lock (_lock)
            {
                Refill();
                if (_tokens >= want)
                {
                    _tokens -= want;
                    owed -= want;
                    continue;
                }
                wait = TimeSpan.FromSeconds((want - _tokens) / _rate);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _time, cancellationToken);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_rate, _tokens + _time.GetElapsedTime(_stamp, now).TotalSeconds * _rate);
        _stamp = now;
    }
}
