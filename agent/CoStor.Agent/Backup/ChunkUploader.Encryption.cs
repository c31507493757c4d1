using CoStor.Core;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Agent.Backup;

public sealed partial class ChunkUploader
{
    /// <summary>
    /// Gets keys for the batch's new payloads and encrypts each in place into its frame in the ring; the frames
    /// of the new payloads, in ring order, are what the batch sends.
    /// </summary>
    private async Task<PreparedBatch> PrepareAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var unique = new List<Pending>();
        var seen = new HashSet<BlobId>();
        foreach (var item in batch)
            if (!_resolved.ContainsKey(item.Hash) && seen.Add(item.Hash))
                unique.Add(item);
        var acknowledged = new List<(BlobType, BlobId, BlobRef)>(unique.Count);
        var footprint = batch.Sum(item => item.Footprint);
        if (unique.Count == 0)
        {
            Resolve(batch, acknowledged);
            return new PreparedBatch(acknowledged, [], 0, footprint);
        }
        var hashes = new byte[unique.Count * 32];
        for (var i = 0; i < unique.Count; i++)
            unique[i].Hash.WriteTo(hashes.AsSpan(i * 32));
        var keys = await _client.GetKeysAsync(hashes, cancellationToken);
        // The batch is encrypted and hashed on every core at once (at the end of a backup the readers are done
        // and their cores would otherwise sit idle).
        var offsets = new int[unique.Count + 1];
        for (var i = 0; i < unique.Count; i++)
            offsets[i + 1] = offsets[i] + unique[i].Frame.Length;
        var references = new BlobRef[unique.Count];
        Parallel.ForEach(ByteRanges(offsets), Parallelism.AllCores, range =>
        {
            for (var i = range.Start; i < range.End; i++)
            {
                var key = BlobKey.Read(keys.AsSpan(i * 32, 32));
                var frame = _ring.Memory(unique[i].Frame).Span;
                var blob = frame[FrameHeader.Length..];
                BlobCipher.Encrypt(key, blob[..unique[i].PayloadLength], blob);
                var id = BlobId.Compute(blob);
                FrameHeader.Write(frame, BlobType.Data, blob.Length, id);
                references[i] = new BlobRef(id, key);
            }
        });
        for (var i = 0; i < unique.Count; i++)
            acknowledged.Add((BlobType.Data, unique[i].Hash, references[i]));
        Resolve(batch, acknowledged);
        return new PreparedBatch(acknowledged, _ring.Coalesce(unique.Select(item => item.Frame)), offsets[^1], footprint);
    }


    /// <summary>Splits items (by their frame offsets) into about four ranges per core of similar byte size.</summary>
    private static List<(int Start, int End)> ByteRanges(int[] offsets)
    {
        var count = offsets.Length - 1;
        var target = Math.Max(1, offsets[^1] / (4 * Environment.ProcessorCount));
        var ranges = new List<(int, int)>();
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            if (i == count || offsets[i] - offsets[start] >= target)
            {
                ranges.Add((start, i));
                start = i;
            }
        }
        return ranges;
    }

    /// <summary>Once a batch is encrypted: its slots get their references.</summary>
    private void Resolve(List<Pending> batch, List<(BlobType, BlobId, BlobRef)> encrypted)
    {
        foreach (var (_, hash, reference) in encrypted)
            _resolved[hash] = reference;
        foreach (var item in batch)
            item.Slot.Value = new CoStor.Core.Trees.ChunkRef(_resolved[item.Hash], item.Slot.PlainLength);
    }
}
