namespace CoStor.Agent.Backup;

/// <summary>
/// A fixed ring buffer holding compressed payloads between the file readers and the uploader, so the agent's
/// memory stays flat (the ring's size) however many and however large the files are.
/// Contract: regions are released in the order they were reserved. The uploader consumes a FIFO queue that is
/// written in reservation order (<see cref="ChunkUploader"/> reserves and enqueues under one lock), so a
/// running total of reserved and released bytes describes the free space exactly.
/// </summary>
public sealed class PayloadRing(int capacity)
{
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(capacity);
    private TaskCompletionSource _spaceFreed = NewSignal();
    private long _reserved;
    private long _freed;

    public int Capacity => _buffer.Length;

    /// <summary>
    /// Tries to reserve <paramref name="length"/> contiguous bytes (skipping the ring's tail end when the region
    /// would wrap). <paramref name="footprint"/> is what <see cref="Release"/> must be given back later.
    /// </summary>
    public bool TryReserve(int length, out Memory<byte> region, out int footprint)
    {
        if (length > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(length), $"payload of {length} bytes exceeds the ring of {_buffer.Length}");
        var start = (int)(_reserved % _buffer.Length);
        var skip = start + length > _buffer.Length ? _buffer.Length - start : 0;
        footprint = skip + length;
        if (_buffer.Length - (_reserved - Interlocked.Read(ref _freed)) < footprint)
        {
            region = default;
            return false;
        }
        region = _buffer.AsMemory(skip == 0 ? start : 0, length);
        _reserved += footprint;
        return true;
    }

    /// <summary>
    /// Completes at the next <see cref="Release"/>. Take it <em>before</em> a failed <see cref="TryReserve"/>, so a
    /// release in between is not missed.
    /// </summary>
    public Task SpaceFreed => Volatile.Read(ref _spaceFreed).Task;

    /// <summary>Frees the oldest reserved bytes and wakes every waiter (call once per batch, not per region).</summary>
    public void Release(int footprint)
    {
        Interlocked.Add(ref _freed, footprint);
        Interlocked.Exchange(ref _spaceFreed, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
