using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Replication.Trust;

/// <summary>
/// The client certificate this box presents to its peers (CN = this site's name, issued by the site CA). Renewed
/// like <see cref="ServerCertificates"/>: 90 days from a day before issue, replaced once two thirds have passed,
/// checked whenever a connection asks for it, following the injected clock. Nothing is written to disk.
/// </summary>
public sealed class PeerCertificates(CertificateAuthority authority, string siteName, TimeProvider time) : IDisposable
{
    private readonly RenewingCertificate _certificate = new(() => authority.IssueClientCertificate(siteName, time),
        ServerCertificates.Lifetime * 2 / 3, time);

    /// <summary>The certificate to present now, renewed first if it is due.</summary>
    public X509Certificate2 Current => _certificate.Current;

    public void Dispose() => _certificate.Dispose();
}
