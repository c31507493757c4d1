using System.Buffers;
using CoStor.Core.Blobs;

namespace CoStor.Core.Packs;

/// <summary>
/// Writes one frame (header and blob). Used for upload bodies; <see cref="PackWriter"/> writes the same
/// layout. The id is written as given: receivers verify it.
/// </summary>
public static class FrameWriter
{
    public static async ValueTask WriteAsync(Stream destination, BlobType type, BlobId id, ReadOnlyMemory<byte> blob, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        byte[] header = ArrayPool<byte>.Shared.Rent(FrameHeader.Length);
        try
        {
            FrameHeader.Write(header, type, blob.Length, id);
            await destination.WriteAsync(header.AsMemory(0, FrameHeader.Length), ct).ConfigureAwait(false);
            await destination.WriteAsync(blob, ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    public static void Write(Stream destination, BlobType type, in BlobId id, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> header = stackalloc byte[FrameHeader.Length];
        FrameHeader.Write(header, type, blob.Length, id);
        destination.Write(header);
        destination.Write(blob);
    }
}
