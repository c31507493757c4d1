using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CoStor.Core.Protocol;

/// <summary>
/// The one definition of a pinned fingerprint: lowercase hex SHA-256 of a certificate's DER bytes.
/// Agents and peers pin the site CA's fingerprint, never a leaf.
/// </summary>
public static class CertificateFingerprint
{
    public static string Of(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>True for 64 hex digits (any case); compare with <see cref="Matches"/>.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    public static bool Matches(X509Certificate2 certificate, string expected) =>
        string.Equals(Of(certificate), expected.Trim(), StringComparison.OrdinalIgnoreCase);
}
