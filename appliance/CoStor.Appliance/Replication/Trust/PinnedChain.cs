using System.Security.Cryptography.X509Certificates;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Replication.Trust;

/// <summary>
/// Chain checks against one pinned CA, for both directions of peer TLS: the chain must end at exactly that CA
/// (compared by fingerprint); system roots, revocation lists and URLs inside certificates are never consulted.
/// The agent has the same rule (agent/CoStor.Agent/Client/PinnedTls.cs); the two do not share code because the
/// agent and the appliance do not reference each other and Core holds no TLS policy.
/// </summary>
public static class PinnedChain
{
    /// <summary>
    /// True when <paramref name="leaf"/> chains to <paramref name="ca"/> at <paramref name="at"/>, and — when
    /// <paramref name="purposeOid"/> is given — is valid for that extended key usage.
    /// </summary>
    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 ca, DateTimeOffset at, string? purposeOid = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (purposeOid is not null)
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(purposeOid));
        if (!chain.Build(leaf))
            return false;
        return CertificateFingerprint.Of(chain.ChainElements[^1].Certificate) == CertificateFingerprint.Of(ca);
    }

    /// <summary>True when the certificate names <paramref name="purposeOid"/> among its extended key usages.</summary>
    public static bool HasPurpose(X509Certificate2 certificate, string purposeOid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(eku => eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(oid => oid.Value == purposeOid));
}
