using System.Security.Cryptography;

namespace CoStor.Core.Blobs;

/// <summary>
/// Derives many blob keys under one keying key, each exactly <see cref="ConvergentKey.Derive"/>'s: the HMAC's
/// keyed state is set up once and reset after each key, which halves the cost of a key (the appliance answers
/// thousands per key request). Not thread-safe: one per thread or request.
/// </summary>
public sealed class ConvergentKeyDeriver : IDisposable
{
    private readonly IncrementalHash _hmac;

    public ConvergentKeyDeriver(ReadOnlySpan<byte> keyingKey)
    {
        ConvergentKey.CheckKeyingKey(keyingKey);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keyingKey);
    }

    /// <summary>Writes the key for <paramref name="payloadHash"/> (32 bytes) into the first 32 bytes of <paramref name="key"/>.</summary>
    public void Derive(ReadOnlySpan<byte> payloadHash, Span<byte> key)
    {
        ConvergentKey.CheckPayloadHash(payloadHash);
        _hmac.AppendData(payloadHash);
        _hmac.GetHashAndReset(key[..BlobKey.Length]);
    }

    public void Dispose() => _hmac.Dispose();
}
