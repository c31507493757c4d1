using System.Security.Cryptography;
using CoStor.Core.Errors;

namespace CoStor.Core.Blobs;

/// <summary>
/// blob = AES-256-GCM(key, nonce = 12 zero bytes, payload) = ciphertext ‖ 16-byte tag.
/// The fixed nonce is safe only because every key is derived from the one payload it encrypts.
/// AES-GCM itself comes from libcrypto through <see cref="NativeCrypto"/> (one context per thread, re-keyed per blob).
/// </summary>
public static class BlobCipher
{
    public const int Overhead = 16;

    private const int NonceLength = 12;

    /// <summary>
    /// Encrypts into <paramref name="blob"/>, which must be exactly payload length + 16. The payload may lie at the
    /// start of <paramref name="blob"/> itself (encryption in place, as the agent's uploader does); any other
    /// overlap is not allowed.
    /// </summary>
    public static void Encrypt(in BlobKey key, ReadOnlySpan<byte> payload, Span<byte> blob)
    {
        if (blob.Length != payload.Length + Overhead)
        {
            throw new ArgumentException($"Blob buffer must be {payload.Length + Overhead} bytes; got {blob.Length}.", nameof(blob));
        }

        Span<byte> keyBytes = stackalloc byte[BlobKey.Length];
        key.WriteTo(keyBytes);
        ReadOnlySpan<byte> nonce = stackalloc byte[NonceLength];
        BlobCrypto.EncryptGcm(keyBytes, nonce, payload, blob[..payload.Length], blob[payload.Length..]);
        CryptographicOperations.ZeroMemory(keyBytes);
    }

    /// <summary>
    /// Decrypts <paramref name="blob"/> into <paramref name="payload"/> (exactly blob length − 16 bytes).
    /// Throws <see cref="CorruptBlobException"/> when the tag does not verify.
    /// </summary>
    public static void Decrypt(in BlobKey key, ReadOnlySpan<byte> blob, Span<byte> payload)
    {
        if (blob.Length < Overhead)
        {
            throw new CorruptBlobException($"Blob of {blob.Length} bytes is shorter than its {Overhead}-byte tag.");
        }

        int length = blob.Length - Overhead;
        if (payload.Length != length)
        {
            throw new ArgumentException($"Payload buffer must be {length} bytes; got {payload.Length}.", nameof(payload));
        }

        Span<byte> keyBytes = stackalloc byte[BlobKey.Length];
        key.WriteTo(keyBytes);
        ReadOnlySpan<byte> nonce = stackalloc byte[NonceLength];
        var authentic = BlobCrypto.DecryptGcm(keyBytes, nonce, blob[..length], blob[length..], payload);
        CryptographicOperations.ZeroMemory(keyBytes);
        if (!authentic)
        {
            throw new CorruptBlobException("Blob failed authentication: it was altered or the key is wrong.");
        }
    }
}
