using System.Buffers;
using CoStor.Core.Blobs;

namespace CoStor.Appliance.Api;

/// <summary>
/// A request body of N × 32-byte values — blob ids (<c>blobs/read</c>) or payload hashes (<c>keys</c>) — with
/// 1 ≤ N ≤ a per-endpoint limit. Reads at most one byte past the limit, so an oversized body costs no more than
/// the limit, and refuses a declared <c>Content-Length</c> over it unread.
/// </summary>
public sealed class HashListBody
{
    public const int ItemLength = 32;

    private HashListBody(byte[]? bytes, bool tooMany, int received)
    {
        Bytes = bytes;
        TooMany = tooMany;
        Received = received;
    }

    /// <summary>The values, N × 32 bytes; null when the body was refused.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The body held more than the limit.</summary>
    public bool TooMany { get; }

    /// <summary>Bytes received (meaningful when the body was empty or not a multiple of 32).</summary>
    public int Received { get; }

    public int Count => Bytes is null ? 0 : Bytes.Length / ItemLength;

    public BlobId IdAt(int index) => BlobId.Read(Bytes.AsSpan(index * ItemLength, ItemLength));

    public static async Task<HashListBody> ReadAsync(HttpRequest request, int maxCount, CancellationToken cancellationToken)
    {
        var max = maxCount * ItemLength;
        if (request.ContentLength > max)
            return new HashListBody(null, tooMany: true, 0);
        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= max && (read = await request.Body.ReadAsync(buffer.AsMemory(length, max + 1 - length), cancellationToken)) > 0)
                length += read;
            if (length > max)
                return new HashListBody(null, tooMany: true, length);
            if (length == 0 || length % ItemLength != 0)
                return new HashListBody(null, tooMany: false, length);
            return new HashListBody(buffer.AsSpan(0, length).ToArray(), tooMany: false, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
