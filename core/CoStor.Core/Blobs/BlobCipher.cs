using System.Security.Cryptography;
using CoStor.Core.Errors;

namespace CoStor.Core.Blobs;

/// <summary>
/// blob = AES-256-GCM(key, nonce = 12 zero bytes, payload) = ciphertext ‖ 16-byte tag.
/// The fixed nonce is safe only because every key is derived from the one payload it encrypts.
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

        // AesGcm cannot be re-keyed, and the key changes with every blob, so one instance per call.
        using var aes = Create(key);
        ReadOnlySpan<byte> nonce = stackalloc byte[NonceLength];
        aes.Encrypt(nonce, payload, blob[..payload.Length], blob[payload.Length..]);
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

        using var aes = Create(key);
        ReadOnlySpan<byte> nonce = stackalloc byte[NonceLength];
        try
        {
            aes.Decrypt(nonce, blob[..length], blob[length..], payload);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new CorruptBlobException("Blob failed authentication: it was altered or the key is wrong.", e);
        }
    }

    private static AesGcm Create(in BlobKey key)
    {
        Span<byte> bytes = stackalloc byte[BlobKey.Length];
        key.WriteTo(bytes);
        var aes = new AesGcm(bytes, Overhead);
        CryptographicOperations.ZeroMemory(bytes);
        return aes;
    }
}
