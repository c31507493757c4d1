namespace CoStor.Agent.Backup;

/// <summary>
/// A fixed ring buffer holding upload frames from the moment a file reader hands over a compressed payload
/// until the appliance acknowledged its batch (payloads are encrypted in place, and batches are sent straight
/// from the ring), so the agent's memory stays flat (the ring's size) however many and however large the files are.
/// Contract: regions are released in the order they were reserved. The uploader consumes a FIFO queue that is
/// written in reservation order (<see cref="ChunkUploader"/> reserves and enqueues under one lock) and
/// finishes batches in that order, so a running total of reserved and released bytes describes the free space
/// exactly.
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
    public bool TryReserve(int length, out RingRegion region, out int footprint)
    {
        if (length > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(length), $"region of {length} bytes exceeds the ring of {_buffer.Length}");
        var start = (int)(_reserved % _buffer.Length);
        var skip = start + length > _buffer.Length ? _buffer.Length - start : 0;
        footprint = skip + length;
        if (_buffer.Length - (_reserved - Interlocked.Read(ref _freed)) < footprint)
        {
            region = default;
            return false;
        }
        region = new RingRegion(skip == 0 ? start : 0, length);
        _reserved += footprint;
        return true;
    }

    /// <summary>The bytes of a reserved region (valid until it is released).</summary>
    public Memory<byte> Memory(RingRegion region) => _buffer.AsMemory(region.Start, region.Length);

    /// <summary>
    /// The bytes of <paramref name="regions"/> (in ring order) as few pieces as possible: neighbouring regions
    /// become one piece, so a batch of small frames goes out in a few large writes.
    /// </summary>
    public List<ReadOnlyMemory<byte>> Coalesce(IEnumerable<RingRegion> regions)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        int start = 0, end = -1;
        foreach (var region in regions)
        {
            if (region.Start == end)
            {
                end += region.Length;
                continue;
            }
            if (end >= 0)
                pieces.Add(_buffer.AsMemory(start, end - start));
            (start, end) = (region.Start, region.Start + region.Length);
        }
        if (end >= 0)
            pieces.Add(_buffer.AsMemory(start, end - start));
        return pieces;
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
