using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Hosting;

/// <summary>
/// What the server sends in each TLS handshake: the current server certificate and, as the acceptable issuers of
/// client certificates (the CertificateRequest's certificate_authorities), the held CAs of the configured peers.
/// Rebuilt when the server certificate is renewed or a peer's CA arrives; null when no peer CA is held, so the
/// handshake names no issuers (as before replication) — a peer cannot authenticate then anyway.
/// </summary>
internal sealed class HandshakeCertificates(ServerCertificates certificates, PeerAuthorities authorities)
{
    private readonly Lock _gate = new();
    private (X509Certificate2 Server, int Version, SslStreamCertificateContext Context)? _built;

    public SslStreamCertificateContext? Context()
    {
        var server = certificates.Current;
        var version = authorities.Version;
        lock (_gate)
        {
            if (_built is { } built && ReferenceEquals(built.Server, server) && built.Version == version)
                return built.Context;
            var issuers = authorities.All;
            if (issuers.Count == 0)
                return null;
            // sendTrustInHandshake is honoured on Linux (OpenSSL's client CA list) and macOS; Windows refuses it for a
            // collection, and there the handshake keeps naming no issuers.
            SslCertificateTrust trust;
            try
            {
                trust = SslCertificateTrust.CreateForX509Collection(new X509Certificate2Collection(issuers.ToArray()), sendTrustInHandshake: true);
            }
            catch (PlatformNotSupportedException)
            {
                return null;
            }

            var context = SslStreamCertificateContext.Create(server, additionalCertificates: null, offline: true, trust);
            _built = (server, version, context);
            return context;
        }
    }
}
