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

    /// <summary>Signs the bytes given (DER ECDSA P-256 over their SHA-256) as the site CA does.</summary>
    public delegate byte[] Signer(ReadOnlySpan<byte> data);

    /// <summary>
    /// Encodes a content held as objects (tests, the golden file). The appliance streams its checkpoints instead
    /// (<see cref="CheckpointFile"/>), then seals them the same way.
    /// </summary>
    public static byte[] Encode(CheckpointContent content, SiteKeyring keyring, CertificateAuthority authority) =>
        Encode(content, keyring, bytes => authority.Sign(bytes));

    /// <summary>Encodes with <paramref name="sign"/> standing for the CA (DER ECDSA P-256 over SHA-256 of the bytes given).</summary>
    public static byte[] Encode(CheckpointContent content, SiteKeyring keyring, Func<byte[], byte[]> sign)
    {
        var payload = Payload.Encode(JsonSerializer.SerializeToUtf8Bytes(content, CheckpointJsonContext.Default.CheckpointContent));
        return Seal(content.Sequence, payload.Length, slot => payload.CopyTo(slot), keyring, bytes => sign(bytes.ToArray())).ToArray();
    }

    /// <summary>
    /// The envelope around a payload of <paramref name="payloadLength"/> bytes that <paramref name="fill"/> writes into
    /// its place: encrypted there in place, then signed. One buffer holds it all (the signature's room included), so
    /// sealing a checkpoint costs its own size in memory once.
    /// </summary>
    public static ReadOnlyMemory<byte> Seal(long sequence, long payloadLength, Action<Span<byte>> fill, SiteKeyring keyring, Signer sign)
    {
        ArgumentNullException.ThrowIfNull(fill);
        ArgumentNullException.ThrowIfNull(sign);
        var sealedLength = NonceLength + payloadLength + TagLength;
        if (sealedLength > MaxSealedLength)
            throw new CheckpointException($"checkpoint of {payloadLength} bytes exceeds the {MaxSealedLength}-byte limit");
        var signedLength = HeaderLength + (int)sealedLength + 2;
        var buffer = new byte[signedLength + MaxSignatureLength];
        Magic.CopyTo(buffer);
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(8), checked((ulong)sequence));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(16), (uint)sealedLength);
        var nonce = buffer.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var payload = buffer.AsSpan(HeaderLength + NonceLength, (int)payloadLength);
        fill(payload);
        using (var aes = new AesGcm(keyring.CheckpointKey, TagLength))
            aes.Encrypt(nonce, payload, payload, buffer.AsSpan(HeaderLength + NonceLength + (int)payloadLength, TagLength), buffer.AsSpan(0, HeaderLength));
        return buffer.AsMemory(0, signedLength + Sign(buffer, signedLength, sign));
    }

    /// <summary>
    /// Signs the first <paramref name="signedLength"/> bytes and puts the signature after them; returns its length.
    /// The signed bytes include the signature's own length, which a DER signature only has once made (70-72 bytes for
    /// P-256, the nonce is random): sign with a guessed length until the signature has it.
    /// </summary>
    private static int Sign(byte[] buffer, int signedLength, Signer sign)
    {
        var guess = 72;
        for (var attempt = 0; attempt < 64; attempt++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(signedLength - 2), (ushort)guess);
            var signature = sign(buffer.AsSpan(0, signedLength));
            if (signature.Length == guess && guess <= MaxSignatureLength)
            {
                signature.CopyTo(buffer, signedLength);
                return guess;
            }
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
        var (sequence, json) = OpenJson(checkpoint, siteCa, keyring);
        CheckpointContent? content;
        try
        {
            content = JsonSerializer.Deserialize(json, CheckpointJsonContext.Default.CheckpointContent);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"the checkpoint's content is unreadable: {e.Message}", e);
        }
        if (content is null || content.Version != CheckpointContent.CurrentVersion)
            throw new CheckpointException($"the checkpoint's content has version {content?.Version}, not {CheckpointContent.CurrentVersion}");
        return content.Sequence == sequence ? content
            : throw new CheckpointException($"the checkpoint's content says sequence {content.Sequence}, its envelope {sequence}");
    }

    /// <summary>
    /// Verifies the checkpoint, then decrypts and decodes it: the envelope's sequence and the content's JSON, unparsed
    /// (for <see cref="CheckpointMaterialiser.WriteJson"/>, which reads it a row at a time; the caller checks the
    /// content's version and sequence as it reads).
    /// </summary>
    public static (long Sequence, byte[] Json) OpenJson(ReadOnlySpan<byte> checkpoint, X509Certificate2 siteCa, SiteKeyring keyring)
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
        try
        {
            return (sequence, Payload.Decode(payload, MaxPlainLength));
        }
        catch (CorruptBlobException e)
        {
            throw new CheckpointException($"the checkpoint's content is unreadable: {e.Message}", e);
        }
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
