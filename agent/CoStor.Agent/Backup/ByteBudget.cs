namespace CoStor.Agent.Backup;

/// <summary>
/// Bounds the bytes held between the file readers and the uploader, so memory stays flat however large
/// the files are. One waiter at a time may hold more than the budget (a single chunk larger than it).
/// </summary>
public sealed class ByteBudget(long capacity)
{
    private readonly long _capacity = capacity;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _gate = new();
    private long _available = capacity;

    public async ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_available >= bytes || _available == _capacity)
                {
                    _available -= bytes;
                    return;
                }
            }
            await _signal.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public void Release(long bytes)
    {
        lock (_gate)
            _available += bytes;
        _signal.Release();
    }
}
