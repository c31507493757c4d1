using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Core.Reading;

/// <summary>
/// Opens one data chunk of a file: the step every reader of file content shares (the agent's restore pipeline,
/// the appliance's downloads and archives). The blob is not hashed: the AES-GCM tag, checked with the key the
/// tree names, fails for any bytes but the blob that key sealed (docs/design.md, "Blobs").
/// </summary>
public static class ChunkOpener
{
    /// <summary>Room a payload buffer for <see cref="TryOpen"/> needs: any data blob's payload fits.</summary>
    public const int PayloadRoom = BlobLimits.MaxBlobLength;

    /// <summary>
    /// Decrypts <paramref name="blob"/> with <paramref name="reference"/>'s key into <paramref name="payload"/>
    /// (scratch, at least the blob's length − 16) and decodes it into <paramref name="plain"/>, which must be
    /// exactly the chunk's plain length as its tree lists it. Returns null, or why the blob is not that chunk.
    /// </summary>
    public static string? TryOpen(in BlobRef reference, ReadOnlySpan<byte> blob, Span<byte> payload, Span<byte> plain) =>
        Open(reference, blob, payload, plain);

    /// <summary>
    /// As <see cref="TryOpen"/>, decrypting in place: <paramref name="blob"/> (scratch the caller owns, such as what
    /// <see cref="IBlobReader.Read"/> returns) is overwritten with the payload, so no payload buffer is needed.
    /// </summary>
    public static string? TryOpenInPlace(in BlobRef reference, Span<byte> blob, Span<byte> plain) =>
        Open(reference, blob, blob[..Math.Max(0, blob.Length - BlobCipher.Overhead)], plain);

    // The ciphertext is the blob's first bytes (the tag follows), so a payload over those same bytes decrypts in place.
    private static string? Open(in BlobRef reference, ReadOnlySpan<byte> blob, Span<byte> payload, Span<byte> plain)
    {
        int plainLength = plain.Length;
        int payloadLength = blob.Length - BlobCipher.Overhead;
        try
        {
            // Raw is the longest payload form (kind byte + plain), so anything longer cannot be this chunk.
            if (payloadLength < 1 || payloadLength > plainLength + 1)
                return $"blob {reference.Id} is {blob.Length} bytes, impossible for a {plainLength}-byte chunk";
            BlobCipher.Decrypt(reference.Key, blob, payload[..payloadLength]);
            int written = Payload.Decode(payload[..payloadLength], plain);
            return written == plainLength ? null : $"blob {reference.Id} decodes to {written} bytes, the tree says {plainLength}";
        }
        catch (CoStorException e)
        {
            return $"blob {reference.Id}: {e.Message}";
        }
    }
}
