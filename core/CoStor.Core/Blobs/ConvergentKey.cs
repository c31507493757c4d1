using System.Security.Cryptography;

namespace CoStor.Core.Blobs;

/// <summary>
/// Keyed convergent keys (docs/design.md, "Blobs"): key = HMAC-SHA256(keying key, SHA-256(payload)).
/// Split in two steps because agents hash payloads but only the appliance holds K_conv.
/// </summary>
public static class ConvergentKey
{
    public const int HashLength = 32;

    /// <summary>Writes SHA-256(payload) into the first 32 bytes of <paramref name="hash32"/>.</summary>
    public static void HashPayload(ReadOnlySpan<byte> payload, Span<byte> hash32) =>
        BlobCrypto.Sha256(payload, hash32);

    /// <summary>The blob key for a payload hash under <paramref name="keyingKey"/> (K_conv or K_meta(agent)).</summary>
    public static BlobKey Derive(ReadOnlySpan<byte> keyingKey, ReadOnlySpan<byte> payloadHash)
    {
        CheckPayloadHash(payloadHash);
        CheckKeyingKey(keyingKey);
        Span<byte> key = stackalloc byte[BlobKey.Length];
        HMACSHA256.HashData(keyingKey, payloadHash, key);
        var result = BlobKey.Read(key);
        CryptographicOperations.ZeroMemory(key);
        return result;
    }

    internal static void CheckPayloadHash(ReadOnlySpan<byte> payloadHash)
    {
        if (payloadHash.Length != HashLength)
            throw new ArgumentException($"A payload hash is {HashLength} bytes; got {payloadHash.Length}.", nameof(payloadHash));
    }

    internal static void CheckKeyingKey(ReadOnlySpan<byte> keyingKey)
    {
        if (keyingKey.Length < 32)
            throw new ArgumentException($"A keying key is at least 32 bytes; got {keyingKey.Length}.", nameof(keyingKey));
    }
}
