using System.Threading.Channels;
using CoStor.Agent.Client;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Agent.Backup;

/// <summary>
/// Turns compressed payloads into acknowledged blobs: asks the appliance for their keys in batches,
/// encrypts, uploads frame batches, and only after the appliance's reply (durable) records them in the
/// <see cref="BlobLog"/> and fills the waiting <see cref="ChunkSlot"/>s. Runs on its own task so readers
/// keep compressing while a batch is in flight. Identical payloads in one run are uploaded once.
/// </summary>
public sealed class ChunkUploader
{
    private const int MaxBatchItems = 2048;

    private const int MaxBatchBytes = 16 << 20;
    private readonly ApplianceClient _client;
    private readonly BlobLog _log;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    // Two batches' worth: one in flight while readers fill the next.
    private readonly PayloadRing _ring = new(2 * MaxBatchBytes);
    private readonly Lock _enqueue = new();
    private readonly Dictionary<BlobId, BlobRef> _resolved = [];
    private readonly Task _loop;
    private byte[] _frames = new byte[MaxBatchBytes + (4 << 20) + 4096];

    public ChunkUploader(ApplianceClient client, BlobLog log, CancellationToken cancellationToken)
    {
        _client = client;
        _log = log;
        _loop = Task.Run(() => RunAsync(cancellationToken), cancellationToken);
    }

    public long NewBlobs { get; private set; }
    public long NewBytes { get; private set; }

    /// <summary>Queues a payload (copied) whose key is not yet known; <paramref name="slot"/> is filled once acknowledged.</summary>
    public async ValueTask SubmitAsync(ReadOnlyMemory<byte> payload, BlobId payloadHash, ChunkSlot slot, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Reserve and enqueue under one lock, so the queue holds regions in reservation order (the ring's contract).
            lock (_enqueue)
            {
                if (_ring.TryReserve(payload.Length, out var region, out var footprint))
                {
                    payload.CopyTo(region);
                    if (!_queue.Writer.TryWrite(new Pending(region, footprint, payloadHash, slot)))
                        throw new InvalidOperationException("the uploader has stopped");
                    return;
                }
            }
            if (_loop.IsCompleted)
                await _loop; // rethrows the uploader's failure
            await _ring.WaitForSpaceAsync(cancellationToken);
        }
    }

    /// <summary>Waits until every queued payload is acknowledged; rethrows the uploader's failure.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <summary>Uploads locally keyed blobs (trees) and records them once acknowledged.</summary>
    public async Task UploadTreesAsync(IReadOnlyList<SealedBlob> trees, CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < trees.Count)
        {
            var length = 0;
            var end = start;
            while (end < trees.Count && (end == start || length + trees[end].Blob.Length + FrameHeader.Length <= MaxBatchBytes))
            {
                EnsureFrameCapacity(length + FrameHeader.Length + trees[end].Blob.Length);
                FrameHeader.Write(_frames.AsSpan(length), BlobType.Tree, trees[end].Blob.Length, trees[end].Ref.Id);
                trees[end].Blob.CopyTo(_frames.AsSpan(length + FrameHeader.Length));
                length += FrameHeader.Length + trees[end].Blob.Length;
                end++;
            }
            var result = await _client.UploadAsync(_frames.AsMemory(0, length), cancellationToken);
            NewBlobs += result.Stored;
            NewBytes += length;
            _log.Append(trees.Skip(start).Take(end - start).Select(t => (BlobType.Tree, t.Ref.Id, t.Ref)));
            start = end;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                await FillBatchAsync(batch, cancellationToken);
                await SendAsync(batch, cancellationToken);
                foreach (var item in batch)
                    _ring.Release(item.Footprint);
                batch.Clear();
            }
        }
        catch
        {
            // Producers see the loop completed and rethrow its failure instead of waiting for space.
            _queue.Writer.TryComplete();
            throw;
        }
    }

    /// <summary>Takes what is queued, waiting briefly for more so small files share one round trip.</summary>
    private async Task FillBatchAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var bytes = 0;
        while (batch.Count < MaxBatchItems && bytes < MaxBatchBytes)
        {
            if (_queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                bytes += item.Payload.Length;
                continue;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromMilliseconds(25));
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(wait.Token))
                    return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var unique = new List<Pending>();
        var seen = new HashSet<BlobId>();
        foreach (var item in batch)
            if (!_resolved.ContainsKey(item.Hash) && seen.Add(item.Hash))
                unique.Add(item);
        if (unique.Count > 0)
        {
            var hashes = new byte[unique.Count * 32];
            for (var i = 0; i < unique.Count; i++)
                unique[i].Hash.WriteTo(hashes.AsSpan(i * 32));
            var keys = await _client.GetKeysAsync(hashes, cancellationToken);
            var length = 0;
            var acknowledged = new List<(BlobType, BlobId, BlobRef)>(unique.Count);
            for (var i = 0; i < unique.Count; i++)
            {
                var item = unique[i];
                var key = BlobKey.Read(keys.AsSpan(i * 32, 32));
                var blobLength = item.Payload.Length + BlobCipher.Overhead;
                EnsureFrameCapacity(length + FrameHeader.Length + blobLength);
                var blob = _frames.AsSpan(length + FrameHeader.Length, blobLength);
                BlobCipher.Encrypt(key, item.Payload.Span, blob);
                var id = BlobId.Compute(blob);
                FrameHeader.Write(_frames.AsSpan(length), BlobType.Data, blobLength, id);
                length += FrameHeader.Length + blobLength;
                acknowledged.Add((BlobType.Data, item.Hash, new BlobRef(id, key)));
            }
            var result = await _client.UploadAsync(_frames.AsMemory(0, length), cancellationToken);
            NewBlobs += result.Stored;
            NewBytes += length;
            _log.Append(acknowledged);
            foreach (var (_, hash, reference) in acknowledged)
                _resolved[hash] = reference;
        }
        foreach (var item in batch)
            item.Slot.Value = new CoStor.Core.Trees.ChunkRef(_resolved[item.Hash], item.Slot.PlainLength);
    }

    private void EnsureFrameCapacity(int needed)
    {
        if (needed > _frames.Length)
            Array.Resize(ref _frames, Math.Max(needed, _frames.Length * 2));
    }

    private readonly record struct Pending(ReadOnlyMemory<byte> Payload, int Footprint, BlobId Hash, ChunkSlot Slot);
}
