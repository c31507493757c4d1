using System.Collections.Concurrent;
using CoStor.Core.Blobs;

namespace CoStor.Agent.Backup;

/// <summary>
/// Payloads of all-zero chunks, computed once per length. Sparse files and zero-filled images are mostly such
/// chunks (a gear hash over zeros settles to a constant, so long zero runs cut at the maximum size); skipping
/// the compressor and hash for them keeps a backup of a sparse multi-GiB file close to the speed of reading it.
/// </summary>
public static class ZeroChunks
{
    private static readonly ConcurrentDictionary<int, (byte[] Payload, BlobId Hash)> Cache = new();

    public static (ReadOnlyMemory<byte> Payload, BlobId Hash) Get(int length)
    {
        var (payload, hash) = Cache.GetOrAdd(length, static n =>
        {
            var encoded = Payload.Encode(new byte[n]);
            var digest = new byte[ConvergentKey.HashLength];
            ConvergentKey.HashPayload(encoded, digest);
            return (encoded, BlobId.Read(digest));
        });
        return (payload, hash);
    }
}
