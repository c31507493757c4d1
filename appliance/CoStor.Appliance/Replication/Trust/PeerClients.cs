using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Configuration;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Replication.Trust;

/// <summary>
/// HTTP clients for calling peers: each presents this box's current client certificate (<see cref="PeerCertificates"/>)
/// and trusts the server only when its chain ends at the peer's held CA whose fingerprint is the configured one. No
/// system roots, no host-name check (the pin is the identity, as for agents). One handler and client per peer
/// configuration, reused for the host's lifetime; callers must not dispose them.
/// </summary>
public sealed class PeerClients(PeerCertificates certificates, PeerAuthorities authorities, TimeProvider time) : IDisposable
{
    /// <summary>Connections are replaced this often, so a renewed client certificate is presented on the next one.</summary>
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<PeerConfig, Lazy<HttpClient>> _clients = new();

    /// <summary>The client for <paramref name="peer"/> (base address = its url). Until the peer's CA is held, every request fails TLS.</summary>
    public HttpClient For(PeerConfig peer) =>
        _clients.GetOrAdd(peer, p => new Lazy<HttpClient>(() => Create(p))).Value;

    private HttpClient Create(PeerConfig peer)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = ConnectionLifetime,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Chosen per handshake: the certificate current now, whatever issuers the server names.
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificates.Current,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 leaf && Trusts(peer, leaf),
            },
        };
        return new HttpClient(handler) { BaseAddress = peer.Url };
    }

    private bool Trusts(PeerConfig peer, X509Certificate2 leaf) =>
        authorities.Find(peer.Name) is { } ca
        && CertificateFingerprint.Matches(ca, peer.Fingerprint)
        && PinnedChain.ChainsTo(leaf, ca, time.GetUtcNow(), ServerAuthOid);

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
            client.Value.Dispose();
    }
}
