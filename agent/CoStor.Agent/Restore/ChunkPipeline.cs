using System.Buffers;
using System.Threading.Channels;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// Delivers a plan's data chunks in order, fetched ahead of the writer. A background producer cuts the chunk
/// list into batches of at most <c>batchBytes</c> plain bytes and <see cref="ProtocolLimits.MaxReadIds"/>
/// distinct blobs (a blob repeated within a batch — zero runs, duplicated content — is fetched once), and
/// decodes each blob as it arrives (AES-GCM tag checked with the chunk's key, then
/// <see cref="Payload.Decode(ReadOnlySpan{byte}, Span{byte})"/>) while the writer writes the previous batch,
/// so both cores work. Memory stays flat whatever the file sizes: about three batches at a time
/// (one written, one queued, one arriving). A blob that fails verification is a per-chunk error; a
/// transport failure ends the pipeline and is rethrown by <see cref="NextAsync"/>.
/// </summary>
public sealed class ChunkPipeline : IAsyncDisposable
{
    private readonly IReadOnlyList<ChunkRef> _chunks;
    private readonly byte[] _payload = new byte[BlobLimits.MaxBlobLength];
    private readonly Channel<DecodedBatch> _channel =
        Channel.CreateBounded<DecodedBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _cancel;
    private readonly Task _producer;
    private DecodedBatch? _current;
    private int _index;
    private int _delivered;

    public ChunkPipeline(IBlobSource source, IReadOnlyList<ChunkRef> chunks, int batchBytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchBytes, 1);
        _chunks = chunks;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _producer = chunks.Count == 0 ? Task.CompletedTask : Task.Run(() => ProduceAsync(source, batchBytes, _cancel.Token));
    }

    /// <summary>The next chunk in plan order; its bytes stay valid until the next call.</summary>
    public async ValueTask<DecodedChunk> NextAsync(CancellationToken cancellationToken)
    {
        if (_delivered >= _chunks.Count)
            throw new InvalidOperationException("more chunks requested than the plan holds");
        while (_current is null || _index == _current.Count)
        {
            _current?.Release();
            _current = null;
            try
            {
                _current = await _channel.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException)
            {
                await _producer; // rethrows the producer's own failure
                throw new InvalidOperationException("chunk pipeline ended early");
            }
            _index = 0;
        }
        int slot = _current.ChunkSlot[_index++];
        var chunk = _chunks[_delivered++];
        if (_current.SlotError[slot] is { } error)
            return new DecodedChunk(default, error);
        if (_current.SlotLength[slot] != chunk.Length)
            return new DecodedChunk(default, $"blob {chunk.Ref.Id} is listed with lengths {_current.SlotLength[slot]} and {chunk.Length}");
        return new DecodedChunk(_current.Slot(slot), null);
    }

    private async Task ProduceAsync(IBlobSource source, int batchBytes, CancellationToken cancellationToken)
    {
        try
        {
            for (int next = 0; next < _chunks.Count;)
            {
                var batch = await FetchBatchAsync(source, next, batchBytes, cancellationToken);
                next += batch.Count;
                await _channel.Writer.WriteAsync(batch, cancellationToken);
            }
            _channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _channel.Writer.TryComplete(e);
            throw;
        }
    }

    private async Task<DecodedBatch> FetchBatchAsync(IBlobSource source, int first, int batchBytes, CancellationToken cancellationToken)
    {
        var slots = new Dictionary<BlobId, int>();
        var refs = new List<ChunkRef>();
        var offsets = new List<int>();
        var chunkSlot = new List<int>();
        int plainBytes = 0;
        for (int i = first; i < _chunks.Count; i++)
        {
            var chunk = _chunks[i];
            if (!slots.TryGetValue(chunk.Ref.Id, out int slot))
            {
                if (refs.Count == ProtocolLimits.MaxReadIds || (refs.Count > 0 && (long)plainBytes + chunk.Length > batchBytes))
                    break;
                slot = refs.Count;
                slots.Add(chunk.Ref.Id, slot);
                refs.Add(chunk);
                offsets.Add(plainBytes);
                plainBytes += chunk.Length;
            }
            chunkSlot.Add(slot);
        }

        var batch = new DecodedBatch(first, [.. chunkSlot], [.. offsets], refs.ConvertAll(r => r.Length).ToArray(),
            DecodedBatch.Buffers.Rent(plainBytes));
        var payload = _payload;
        int received = 0;
        try
        {
            // Each blob is verified and decoded straight from the receive buffer into the batch: no copy, no
            // hand-off. This producer decodes while the writer writes the previous batch, so both cores work
            // and memory stays at a few batches.
            await source.ReadBlobsAsync(refs.ConvertAll(r => r.Ref.Id), (id, blob) =>
            {
                int slot = received++;
                DecodeSlot(batch, slot, refs[slot].Ref, blob.Span, payload);
            }, cancellationToken);
        }
        catch
        {
            batch.Release();
            throw;
        }
        return batch;
    }

    /// <summary>Verifies and decodes one blob into its slot (<see cref="ChunkOpener"/>); a failure becomes the slot's error.</summary>
    private static void DecodeSlot(DecodedBatch batch, int slot, BlobRef reference, ReadOnlySpan<byte> blob, byte[] payload) =>
        batch.SlotError[slot] = ChunkOpener.TryOpen(reference, blob, payload, batch.Plain.AsSpan(batch.SlotOffset[slot], batch.SlotLength[slot]));

    public async ValueTask DisposeAsync()
    {
        _cancel.Cancel();
        try
        {
            await _producer;
        }
        catch (Exception)
        {
            // Already reported through NextAsync, or the restore is being abandoned.
        }
        _current?.Release();
        while (_channel.Reader.TryRead(out var batch))
            batch.Release();
        _cancel.Dispose();
    }
}
