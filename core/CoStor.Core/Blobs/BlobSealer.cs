using System.Buffers;
using System.Security.Cryptography;
using CoStor.Core.Errors;

namespace CoStor.Core.Blobs;

/// <summary>
/// The whole blob pipeline in one call (docs/design.md, "Blobs"), for holders of the keying key:
/// trees and snapshot records under K_meta(agent), or data chunks on the appliance under K_conv.
/// </summary>
public static class BlobSealer
{
    /// <summary>plain → payload → key = HMAC(keyingKey, SHA-256(payload)) → AES-GCM blob → id.</summary>
    public static SealedBlob Seal(ReadOnlySpan<byte> plain, ReadOnlySpan<byte> keyingKey)
    {
        int room = Payload.MaxEncodedLength(plain.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(room);
        try
        {
            int length = Payload.Encode(plain, rented);
            var payload = rented.AsSpan(0, length);
            Span<byte> hash = stackalloc byte[ConvergentKey.HashLength];
            ConvergentKey.HashPayload(payload, hash);
            var key = ConvergentKey.Derive(keyingKey, hash);
            var blob = new byte[length + BlobCipher.Overhead];
            BlobCipher.Encrypt(key, payload, blob);
            return new SealedBlob(new BlobRef(BlobId.Compute(blob), key), blob);
        }
        finally
        {
            // Only what the payload may have been written to (the rented array can be twice as long).
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, room));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Verifies SHA-256(blob) against the reference's id, decrypts and decodes. Throws
    /// <see cref="CorruptBlobException"/> on any mismatch or when the plain form exceeds
    /// <paramref name="maxPlainLength"/>.
    /// </summary>
    public static byte[] Open(in BlobRef reference, ReadOnlySpan<byte> blob, int maxPlainLength)
    {
        if (blob.Length > BlobLimits.MaxBlobLength)
        {
            throw new CorruptBlobException($"Blob {reference.Id} is {blob.Length} bytes, over the {BlobLimits.MaxBlobLength}-byte limit.");
        }

        var actual = BlobId.Compute(blob);
        if (actual != reference.Id)
        {
            throw new CorruptBlobException($"Blob {reference.Id} does not match its id: its bytes hash to {actual}.");
        }

        if (blob.Length < BlobCipher.Overhead + 1)
        {
            throw new CorruptBlobException($"Blob {reference.Id} is {blob.Length} bytes, too short to hold a payload and tag.");
        }

        int length = blob.Length - BlobCipher.Overhead;
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var payload = rented.AsSpan(0, length);
            BlobCipher.Decrypt(reference.Key, blob, payload);
            return Payload.Decode(payload, maxPlainLength);
        }
        catch (CorruptBlobException e)
        {
            // Name the blob: the inner message cannot know which one it was.
            throw new CorruptBlobException($"Blob {reference.Id}: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
