using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CoStor.Appliance.Replication.Retention;

/// <summary>
/// A site's signed retention decisions (docs/replication.md, "Deletions"; served at <c>/peer/v1/retired</c>).
/// The signature is ECDSA P-256 over SHA-256 of the canonical encoding, DER (RFC 3279), made with the site CA's key
/// and checked against the owner's pinned CA certificate. Canonical encoding (all integers big-endian, strings UTF-8
/// with a u16 length):
/// <code>
/// "costor/v1/retention" 0x00 ‖ str site ‖ u32 count ‖ count × (str pack ‖ i64 retired_at, Unix milliseconds)
/// </code>
/// with decisions sorted by pack name (ordinal), then time, so the order on the wire does not matter. Sub-millisecond
/// parts of a time are not signed and are dropped by <see cref="Sign(string, IEnumerable{RetentionDecision}, Func{byte[], byte[]})"/>.
/// </summary>
public sealed record RetentionDecisions(string Site, IReadOnlyList<RetentionDecision> Decisions, byte[] Signature)
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("costor/v1/retention\0");

    /// <summary>Signs with a delegate (the CA's <c>Sign</c>, which keeps its key to itself).</summary>
    public static RetentionDecisions Sign(string site, IEnumerable<RetentionDecision> decisions, Func<byte[], byte[]> sign)
    {
        var rounded = decisions.Select(d => d with { RetiredAt = DateTimeOffset.FromUnixTimeMilliseconds(d.RetiredAt.ToUnixTimeMilliseconds()) }).ToArray();
        return new RetentionDecisions(site, rounded, sign(Encode(site, rounded)));
    }

    public static RetentionDecisions Sign(string site, IEnumerable<RetentionDecision> decisions, ECDsa key) =>
        Sign(site, decisions, bytes => key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>
    /// Whether these are <paramref name="expectedSite"/>'s decisions, signed by the key of its CA
    /// <paramref name="ownerCa"/> (the certificate pinned by fingerprint). Anything else — another site, a forged or
    /// altered list, a malformed signature — is refused.
    /// </summary>
    public bool Verify(string expectedSite, X509Certificate2 ownerCa)
    {
        if (!string.Equals(Site, expectedSite, StringComparison.Ordinal))
            return false;
        using var key = ownerCa.GetECDsaPublicKey();
        if (key is null)
            return false;
        try
        {
            return key.VerifyData(Encode(Site, Decisions), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The bytes signed (see the type's summary).</summary>
    public static byte[] Encode(string site, IReadOnlyList<RetentionDecision> decisions)
    {
        var sorted = decisions.OrderBy(d => d.Pack, StringComparer.Ordinal).ThenBy(d => d.RetiredAt.ToUnixTimeMilliseconds()).ToArray();
        using var output = new MemoryStream();
        output.Write(Domain);
        WriteString(output, site);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(number, checked((uint)sorted.Length));
        output.Write(number[..4]);
        foreach (var decision in sorted)
        {
            WriteString(output, decision.Pack);
            BinaryPrimitives.WriteInt64BigEndian(number, decision.RetiredAt.ToUnixTimeMilliseconds());
            output.Write(number);
        }
        return output.ToArray();
    }

    private static void WriteString(Stream output, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
        output.Write(length);
        output.Write(bytes);
    }
}
