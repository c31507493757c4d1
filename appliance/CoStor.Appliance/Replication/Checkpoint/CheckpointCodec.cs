using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CoStor.Appliance.Tls;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// The signed, encrypted checkpoint (docs/replication.md, "Catalogue checkpoint"):
/// <code>
/// magic "CSTCKPT1" (8) ‖ sequence u64 BE ‖ sealed length u32 BE ‖ nonce (12) ‖ ciphertext ‖ tag (16) ‖
/// signature length u16 BE ‖ DER ECDSA-P256-SHA256 signature by the site CA over every byte before the signature
/// </code>
/// The plaintext is the content's UTF-8 JSON as a payload (kind byte 0 raw / 1 zstd, as blobs; docs/design.md),
/// AES-256-GCM-encrypted under <see cref="SiteKeyring.CheckpointKey"/> with a random nonce and the first 20 bytes
/// (magic, sequence, length) as associated data. Without the keyring a holder learns only the sequence and the size.
/// </summary>
public static class CheckpointCodec
{
    public static ReadOnlySpan<byte> Magic => "CSTCKPT1"u8;
    private const int HeaderLength = 8 + 8 + 4, NonceLength = 12, TagLength = 16;

    /// <summary>Refused before anything is allocated: larger sealed parts, decoded JSON, or signatures.</summary>
    public const int MaxSealedLength = 1 << 30, MaxPlainLength = 1 << 30, MaxSignatureLength = 256;

    public static byte[] Encode(CheckpointContent content, SiteKeyring keyring, CertificateAuthority authority) =>
        Encode(content, keyring, bytes => authority.Sign(bytes));

    /// <summary>Encodes with <paramref name="sign"/> standing for the CA (DER ECDSA P-256 over SHA-256 of the bytes given).</summary>
    public static byte[] Encode(CheckpointContent content, SiteKeyring keyring, Func<byte[], byte[]> sign)
    {
        var payload = Payload.Encode(JsonSerializer.SerializeToUtf8Bytes(content, CheckpointJsonContext.Default.CheckpointContent));
        var sealedLength = NonceLength + payload.Length + TagLength;
        if (sealedLength > MaxSealedLength)
            throw new CheckpointException($"checkpoint of {payload.Length} bytes exceeds the {MaxSealedLength}-byte limit");
        var unsigned = new byte[HeaderLength + sealedLength + 2];
        Magic.CopyTo(unsigned);
        BinaryPrimitives.WriteUInt64BigEndian(unsigned.AsSpan(8), checked((ulong)content.Sequence));
        BinaryPrimitives.WriteUInt32BigEndian(unsigned.AsSpan(16), (uint)sealedLength);
        var nonce = unsigned.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(keyring.CheckpointKey, TagLength))
            aes.Encrypt(nonce, payload, unsigned.AsSpan(HeaderLength + NonceLength, payload.Length),
                unsigned.AsSpan(HeaderLength + NonceLength + payload.Length, TagLength), unsigned.AsSpan(0, HeaderLength));
        return Signed(unsigned, sign);
    }

    /// <summary>
    /// Appends the CA's signature. The signed bytes include the signature's own length, which a DER signature only
    /// has once made (70-72 bytes for P-256, the nonce is random): sign with a guessed length until the signature has it.
    /// </summary>
    private static byte[] Signed(byte[] unsigned, Func<byte[], byte[]> sign)
    {
        var lengthAt = unsigned.Length - 2;
        var guess = 72;
        for (var attempt = 0; attempt < 64; attempt++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(unsigned.AsSpan(lengthAt), (ushort)guess);
            var signature = sign(unsigned);
            if (signature.Length == guess)
                return [.. unsigned, .. signature];
            guess = signature.Length;
        }
        throw new CheckpointException("could not sign the checkpoint: the signature's length never settled");
    }

    /// <summary>
    /// Checks the envelope's layout and the site CA's signature; returns the sequence. Throws <see cref="CheckpointException"/>
    /// for anything malformed, truncated, extended or signed by another key. Needs no keyring.
    /// </summary>
    public static long Verify(ReadOnlySpan<byte> checkpoint, X509Certificate2 siteCa)
    {
        var (sequence, _, signedLength) = Layout(checkpoint);
        using var key = siteCa.GetECDsaPublicKey() ?? throw new CheckpointException("the site CA certificate has no ECDSA public key");
        bool valid;
        try
        {
            valid = key.VerifyData(checkpoint[..signedLength], checkpoint[(signedLength)..], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException e)
        {
            throw new CheckpointException("the checkpoint's signature is malformed", e);
        }
        return valid ? sequence : throw new CheckpointException("the checkpoint is not signed by this site's CA (or was altered)");
    }

    /// <summary>Verifies the checkpoint, then decrypts and decodes its content with the site's keyring.</summary>
    public static CheckpointContent Open(ReadOnlySpan<byte> checkpoint, X509Certificate2 siteCa, SiteKeyring keyring)
    {
        var sequence = Verify(checkpoint, siteCa);
        var (_, sealedLength, _) = Layout(checkpoint);
        var sealedPart = checkpoint.Slice(HeaderLength, sealedLength);
        var payload = new byte[sealedLength - NonceLength - TagLength];
        try
        {
            using var aes = new AesGcm(keyring.CheckpointKey, TagLength);
            aes.Decrypt(sealedPart[..NonceLength], sealedPart.Slice(NonceLength, payload.Length), sealedPart[^TagLength..], payload, checkpoint[..HeaderLength]);
        }
        catch (CryptographicException e)
        {
            throw new CheckpointException("the checkpoint does not open with this keyring (another site's, or altered)", e);
        }
        CheckpointContent? content;
        try
        {
            content = JsonSerializer.Deserialize(Payload.Decode(payload, MaxPlainLength), CheckpointJsonContext.Default.CheckpointContent);
        }
        catch (Exception e) when (e is CorruptBlobException or JsonException)
        {
            throw new CheckpointException($"the checkpoint's content is unreadable: {e.Message}", e);
        }
        if (content is null || content.Version != CheckpointContent.CurrentVersion)
            throw new CheckpointException($"the checkpoint's content has version {content?.Version}, not {CheckpointContent.CurrentVersion}");
        return content.Sequence == sequence ? content
            : throw new CheckpointException($"the checkpoint's content says sequence {content.Sequence}, its envelope {sequence}");
    }

    /// <summary>The sequence in an envelope's header, unverified (the owner reading back its own last checkpoint); null if no header.</summary>
    public static long? PeekSequence(ReadOnlySpan<byte> checkpoint) =>
        checkpoint.Length >= 16 && checkpoint.StartsWith(Magic) ? (long)BinaryPrimitives.ReadUInt64BigEndian(checkpoint[8..]) : null;

    /// <summary>Checks every length against the bytes present before anything trusts them.</summary>
    private static (long Sequence, int SealedLength, int SignedLength) Layout(ReadOnlySpan<byte> checkpoint)
    {
        if (checkpoint.Length < HeaderLength + NonceLength + TagLength + 2 || !checkpoint.StartsWith(Magic))
            throw new CheckpointException("not a CoStor checkpoint (no CSTCKPT1 header)");
        var sequence = BinaryPrimitives.ReadUInt64BigEndian(checkpoint[8..]);
        var sealedLength = BinaryPrimitives.ReadUInt32BigEndian(checkpoint[16..]);
        if (sequence > long.MaxValue)
            throw new CheckpointException($"checkpoint sequence {sequence} is out of range");
        if (sealedLength < NonceLength + TagLength || sealedLength > MaxSealedLength || HeaderLength + sealedLength + 2 > (ulong)checkpoint.Length)
            throw new CheckpointException($"checkpoint declares {sealedLength} sealed bytes; {checkpoint.Length - HeaderLength} follow the header");
        var signedLength = HeaderLength + (int)sealedLength + 2;
        var signatureLength = BinaryPrimitives.ReadUInt16BigEndian(checkpoint[(signedLength - 2)..]);
        if (signatureLength is 0 or > MaxSignatureLength || signedLength + signatureLength != checkpoint.Length)
            throw new CheckpointException($"checkpoint declares a {signatureLength}-byte signature; {checkpoint.Length - signedLength} bytes follow");
        return ((long)sequence, (int)sealedLength, signedLength);
    }
}
