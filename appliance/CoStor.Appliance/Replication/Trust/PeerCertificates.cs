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
    private static readonly TimeSpan RenewAfter = ServerCertificates.Lifetime * 2 / 3;

    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    // The one before: a handshake that picked it may still be using it.
    private X509Certificate2? _previous;
    private DateTimeOffset _renewAt;

    /// <summary>The certificate to present now, renewed first if it is due.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (_current is null || now >= _renewAt)
                {
                    _previous?.Dispose();
                    _previous = _current;
                    _current = authority.IssueClientCertificate(siteName, time);
                    _renewAt = now + RenewAfter;
                }

                return _current;
            }
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _previous?.Dispose();
    }
}
