using System.Threading.Channels;
using CoStor.Agent.Client;
using CoStor.Agent.State;
using CoStor.Core;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Backup;

/// <summary>
/// Turns compressed payloads into acknowledged blobs: asks the appliance for their keys in batches,
/// encrypts, uploads frame batches, and only after the appliance's reply (durable) records them in the
/// <see cref="BlobLog"/> and fills the waiting <see cref="ChunkSlot"/>s. Runs on its own task so readers
/// keep compressing while a batch is in flight. Identical payloads in one run are uploaded once.
/// Each payload is copied once, into the <see cref="PayloadRing"/> between room for its frame header and its
/// tag; it is encrypted there and the batch is sent from there, so no second buffer holds the frames.
/// </summary>
public sealed partial class ChunkUploader
{
    // As many as one key request may ask for: the last batches of a backup are thousands of small files, and
    // each batch is one index transaction (and two fsyncs) on the appliance; 2048 made that the tail's bottleneck.
    private const int MaxBatchItems = ProtocolLimits.MaxKeysPerRequest;

    private const int MaxBatchBytes = 16 << 20;

    // Uploads on the wire at once: while the appliance fsyncs one batch it is already receiving the next.
    private const int MaxInFlight = 2;
    private readonly ApplianceClient _client;
    private readonly BlobLog _log;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    // Batches on the wire, plus one being encrypted and one being filled by the readers. A batch's frames stay
    // in the ring until the appliance acknowledged it.
    private readonly PayloadRing _ring = new((MaxInFlight + 2) * MaxBatchBytes);
    private readonly Lock _enqueue = new();
    private readonly Dictionary<BlobId, BlobRef> _resolved = [];
    private readonly Task _loop;
    private readonly TaskCompletionSource _allPrepared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _submissionsEnded;

    public ChunkUploader(ApplianceClient client, BlobLog log, CancellationToken cancellationToken)
    {
        _client = client;
        _log = log;
        _loop = Task.Run(() => RunAsync(cancellationToken), cancellationToken);
    }

    // Updated by the upload loop and by UploadTreesAsync, which may run at the same time.
    private long _newBlobs, _newBytes;
    // Frames of tree batches: their own buffer, since trees go out while data batches are still in flight.
    private byte[] _treeFrames = [];

    public long NewBlobs => Interlocked.Read(ref _newBlobs);
    public long NewBytes => Interlocked.Read(ref _newBytes);

    /// <summary>Queues a payload (copied) whose key is not yet known; <paramref name="slot"/> is filled once acknowledged.</summary>
    public async ValueTask SubmitAsync(ReadOnlyMemory<byte> payload, BlobId payloadHash, ChunkSlot slot, CancellationToken cancellationToken)
    {
        var frameLength = FrameHeader.Length + payload.Length + BlobCipher.Overhead;
        while (true)
        {
            var spaceFreed = _ring.SpaceFreed;
            // Reserve and enqueue under one lock, so the queue holds regions in reservation order (the ring's contract).
            lock (_enqueue)
            {
                if (_ring.TryReserve(frameLength, out var frame, out var footprint))
                {
                    payload.CopyTo(_ring.Memory(frame)[FrameHeader.Length..]);
                    if (!_queue.Writer.TryWrite(new Pending(frame, payload.Length, footprint, payloadHash, slot)))
                        throw new InvalidOperationException("the uploader has stopped");
                    return;
                }
            }
            if (_loop.IsCompleted)
                await _loop; // rethrows the uploader's failure
            await Task.WhenAny(spaceFreed, _loop).WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Ends submissions and waits until every submitted payload has its blob reference (every
    /// <see cref="ChunkSlot"/> is filled), while the last batches may still be on the wire: trees can be built
    /// meanwhile. Only <see cref="CompleteAsync"/> says they were acknowledged.
    /// </summary>
    public Task EndSubmissionsAsync()
    {
        _submissionsEnded = true;
        _queue.Writer.TryComplete();
        return Task.WhenAny(_allPrepared.Task, _loop).Unwrap();
    }

    /// <summary>Waits until every queued payload is acknowledged; rethrows the uploader's failure.</summary>
    public async Task CompleteAsync()
    {
        _submissionsEnded = true;
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>
    /// Uploads locally keyed blobs (trees) and records them once acknowledged. May run while the last data
    /// batches are still in flight (it has its own frame buffer); the snapshot may be committed only after
    /// both this and <see cref="CompleteAsync"/> completed.
    /// </summary>
    public async Task UploadTreesAsync(IReadOnlyList<SealedBlob> trees, CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < trees.Count)
        {
            // Size the batch first, so its frames are written into a buffer of the right size once (growing it
            // while copying moved every earlier tree again and touched twice the memory).
            var length = 0;
            var end = start;
            while (end < trees.Count && end - start < ProtocolLimits.MaxUploadFrames
                && (end == start || length + trees[end].Blob.Length + FrameHeader.Length <= MaxBatchBytes))
                length += FrameHeader.Length + trees[end++].Blob.Length;
            if (_treeFrames.Length < length)
                _treeFrames = GC.AllocateUninitializedArray<byte>(length);
            var offset = 0;
            for (var i = start; i < end; i++)
            {
                FrameHeader.Write(_treeFrames.AsSpan(offset), BlobType.Tree, trees[i].Blob.Length, trees[i].Ref.Id);
                trees[i].Blob.CopyTo(_treeFrames.AsSpan(offset + FrameHeader.Length));
                offset += FrameHeader.Length + trees[i].Blob.Length;
            }
            var result = await _client.UploadAsync(_treeFrames.AsMemory(0, length), cancellationToken);
            Interlocked.Add(ref _newBlobs, result.Stored);
            Interlocked.Add(ref _newBytes, length);
            _log.Append(trees.Skip(start).Take(end - start).Select(t => (BlobType.Tree, t.Ref.Id, t.Ref)));
            start = end;
        }
    }

    /// <summary>
    /// Pipelined: while up to <see cref="MaxInFlight"/> batches are on the wire, the next is keyed and encrypted
    /// in place. A batch's slots get their references once it is encrypted; its blobs count as stored, and its
    /// frames leave the ring (in queue order, the ring's contract), only in <see cref="FinishOldestAsync"/>,
    /// after the appliance replied. Nothing is committed before every reply, so a reference handed out early is
    /// never used unless its blob was acknowledged.
    /// Readers never wait on the ring for ever: whenever this loop waits for payloads, at most
    /// <see cref="MaxInFlight"/> batches hold ring space (each under 16 MiB plus one 4 MiB chunk, plus what a
    /// wrap-around skipped), which leaves more than the largest frame free.
    /// Once the readers are done, everything still queued is prepared at once rather than one batch ahead of
    /// the wire: the last batches of a backup (thousands of small files) wait on the appliance, and meanwhile
    /// the agent's idle cores build the trees, which need every reference.
    /// </summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var ready = new Queue<PreparedBatch>();
        var inflight = new Queue<(Task<UploadResult> Upload, PreparedBatch Batch)>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                var batch = new List<Pending>();
                await FillBatchAsync(batch, cancellationToken);
                var draining = _submissionsEnded;
                ready.Enqueue(await PrepareAsync(batch, cancellationToken));
                while (inflight.TryPeek(out var oldest) && (oldest.Upload.IsCompleted || (!draining && inflight.Count == MaxInFlight)))
                    await FinishOldestAsync(inflight);
                while (ready.Count > 0 && inflight.Count < MaxInFlight)
                    inflight.Enqueue(Send(ready.Dequeue(), cancellationToken));
            }
            _allPrepared.TrySetResult();
            while (ready.Count > 0 || inflight.Count > 0)
            {
                if (ready.Count > 0 && inflight.Count < MaxInFlight)
                    inflight.Enqueue(Send(ready.Dequeue(), cancellationToken));
                else
                    await FinishOldestAsync(inflight);
            }
        }
        catch
        {
            // Producers see the loop completed and rethrow its failure instead of waiting for space.
            _queue.Writer.TryComplete();
            throw;
        }
    }

    private (Task<UploadResult> Upload, PreparedBatch Batch) Send(PreparedBatch prepared, CancellationToken cancellationToken) =>
        (prepared.Length == 0
            ? Task.FromResult(new UploadResult(0, 0, 0, 0))
            : _client.UploadAsync(prepared.Frames, cancellationToken), prepared);

    /// <summary>Waits for the oldest upload, records its blobs and releases its frames from the ring.</summary>
    private async Task FinishOldestAsync(Queue<(Task<UploadResult> Upload, PreparedBatch Batch)> inflight)
    {
        var (upload, batch) = inflight.Peek();
        var result = await upload;
        inflight.Dequeue();
        Finish(batch, result);
    }

    /// <summary>
    /// Takes what is queued, then keeps collecting until the batch is full, the readers are done, or nothing new
    /// arrived for <see cref="MaxIdleWait"/> (so small files share one round trip). It polls rather than waking
    /// for every payload: a backup queues about 50,000 payloads per GB, and a thread-pool wake-up for each cost
    /// more than the polling.
    /// </summary>
    private async Task FillBatchAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var bytes = 0;
        var idle = TimeSpan.Zero;
        while (batch.Count < MaxBatchItems && bytes < MaxBatchBytes)
        {
            if (_queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                bytes += item.Frame.Length;
                idle = TimeSpan.Zero;
                continue;
            }
            if (_queue.Reader.Completion.IsCompleted || idle >= MaxIdleWait)
                return;
            await Task.Delay(PollInterval, cancellationToken);
            idle += PollInterval;
        }
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(4);
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromMilliseconds(24);

    /// <summary>After the appliance's reply: the batch's blobs are durable; record them in the blob log and free its frames.</summary>
    private void Finish(PreparedBatch prepared, UploadResult result)
    {
        Interlocked.Add(ref _newBlobs, result.Stored);
        Interlocked.Add(ref _newBytes, prepared.Length);
        _log.Append(prepared.Acknowledged);
        _ring.Release(prepared.Footprint);
    }

    /// <summary>A keyed and encrypted batch: its new blobs, the ring pieces that send them, and the ring bytes it holds.</summary>
    private sealed record PreparedBatch(List<(BlobType, BlobId, BlobRef)> Acknowledged, List<ReadOnlyMemory<byte>> Frames, int Length, int Footprint);

    /// <summary>A payload in the ring: <see cref="Frame"/> is header room ‖ payload ‖ tag room.</summary>
    private readonly record struct Pending(RingRegion Frame, int PayloadLength, int Footprint, BlobId Hash, ChunkSlot Slot);
}
