using System.Security.Cryptography.X509Certificates;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Client;

/// <summary>
/// TLS trust for the agent: the server's chain must end in the site CA whose fingerprint was pinned at
/// enrolment. System roots are never consulted, so neither a public CA nor mDNS can redirect an agent.
/// </summary>
public static class PinnedTls
{
    public static HttpClientHandler CreateHandler(X509Certificate2 pinnedCa)
    {
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && ChainsTo(certificate, pinnedCa),
        };
    }

    /// <summary>Accepts any server, for the one call that fetches the CA; its fingerprint is checked after.</summary>
    public static HttpClientHandler CreateBootstrapHandler() =>
        new() { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };

    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Everything needed is the pinned CA and what the server sent: nothing is fetched from URLs in certificates.
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (!chain.Build(leaf))
            return false;
        var root = chain.ChainElements[^1].Certificate;
        return CertificateFingerprint.Of(root) == CertificateFingerprint.Of(ca);
    }

}
