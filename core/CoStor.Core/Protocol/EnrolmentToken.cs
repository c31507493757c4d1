using System.Security.Cryptography;

namespace CoStor.Core.Protocol;

/// <summary>
/// One-time enrolment tokens: <c>cst_&lt;first 20 hex digits of the site CA's fingerprint&gt;_&lt;40 hex digits of
/// secret&gt;</c>. The prefix lets an agent pin the appliance from the token alone (80 bits of the CA's SHA-256: a
/// look-alike CA would need a second preimage of that length); the secret is what the appliance checks.
/// </summary>
public static class EnrolmentToken
{
    public const string Prefix = "cst_";
    public const int FingerprintDigits = 20;
    private const int SecretBytes = 20;

    public static string Create(string caFingerprint)
    {
        if (!CertificateFingerprint.IsWellFormed(caFingerprint))
            throw new ArgumentException("not a CA fingerprint (64 hex digits)", nameof(caFingerprint));
        return Prefix + caFingerprint[..FingerprintDigits].ToLowerInvariant() + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
    }

    /// <summary>The CA fingerprint prefix a token carries, or null for a token without one.</summary>
    public static string? FingerprintPrefix(string token)
    {
        var parts = token.Split('_');
        return parts.Length == 3 && parts[0] + "_" == Prefix && parts[1].Length == FingerprintDigits && parts[1].All(Uri.IsHexDigit)
            ? parts[1].ToLowerInvariant()
            : null;
    }
}
