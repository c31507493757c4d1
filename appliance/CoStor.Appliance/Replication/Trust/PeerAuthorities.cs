using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Site;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Replication.Trust;

/// <summary>
/// The configured peers' CA certificates: read from <c>peers/NAME/ca.crt</c>, or fetched once from the peer's
/// <c>GET /api/v1/ca</c> and kept there. A certificate is only ever held when its SHA-256 fingerprint is the one
/// configured for that peer, so a cached file left from an older configuration is ignored (and replaced on the
/// next fetch). A peer whose CA is not held cannot authenticate and cannot be called (<see cref="Find"/> is null).
/// </summary>
public sealed partial class PeerAuthorities : IDisposable
{
    private readonly DataDirectory _data;
    private readonly ILogger<PeerAuthorities> _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, X509Certificate2> _held = ImmutableDictionary.Create<string, X509Certificate2>(StringComparer.OrdinalIgnoreCase);

    public PeerAuthorities(ImmutableArray<PeerConfig> peers, DataDirectory data, TimeProvider time, ILogger<PeerAuthorities> logger)
    {
        _time = time;
        Peers = peers;
        _data = data;
        _logger = logger;
        foreach (var peer in peers)
        {
            if (Load(peer) is { } ca)
                _held = _held.SetItem(peer.Name, ca);
        }
    }

    public ImmutableArray<PeerConfig> Peers { get; }

    /// <summary>Raised after a CA was fetched (the TLS layer's list of acceptable issuers changes).</summary>
    public int Version { get; private set; }

    /// <summary>The peer's verified CA certificate, or null while it is not held.</summary>
    public X509Certificate2? Find(string peerName) => _held.GetValueOrDefault(peerName);

    /// <summary>Every held CA: the issuers the TLS layer names as acceptable for client certificates.</summary>
    public IReadOnlyCollection<X509Certificate2> All => [.. _held.Values];

    /// <summary>True when every configured peer's CA is held.</summary>
    public bool Complete => Peers.All(p => _held.ContainsKey(p.Name));

    /// <summary>
    /// The peer's CA: held, or fetched now. Null when the peer cannot be reached or serves a CA whose fingerprint is
    /// not the configured one (logged); the caller tries again later.
    /// </summary>
    public async Task<X509Certificate2?> GetAsync(PeerConfig peer, CancellationToken cancellationToken)
    {
        if (Find(peer.Name) is { } held)
            return held;
        string pem;
        try
        {
            pem = await FetchAsync(peer, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PeerCaRefusedException && !cancellationToken.IsCancellationRequested)
        {
            Log.FetchFailed(_logger, peer.Name, peer.Url, e.Message);
            return null;
        }

        var path = Path.Combine(_data.PeerPath(peer.Name), "ca.crt");
        Directory.CreateDirectory(_data.PeerPath(peer.Name));
        DurableFile.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes(pem),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var ca = X509Certificate2.CreateFromPem(pem);
        lock (_gate)
        {
            _held = _held.SetItem(peer.Name, ca);
            Version++;
        }

        Log.Fetched(_logger, peer.Name, peer.Fingerprint);
        return ca;
    }

    /// <summary>
    /// <c>GET {url}api/v1/ca</c> over TLS that trusts no CA yet: the server's leaf is kept and, once the CA is in
    /// hand, must chain to it, and the CA's fingerprint must be the configured one. So the connection is trusted
    /// exactly as far as the pinned fingerprint reaches, as an agent's enrolment is.
    /// </summary>
    private async Task<string> FetchAsync(PeerConfig peer, CancellationToken cancellationToken)
    {
        X509Certificate2? serverLeaf = null;
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    serverLeaf = certificate is null ? null : new X509Certificate2(certificate);
                    return certificate is not null;
                },
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = peer.Url, Timeout = TimeSpan.FromSeconds(30) };
        var pem = await http.GetStringAsync("api/v1/ca", cancellationToken);
        using var ca = ParsePem(pem);
        if (!CertificateFingerprint.Matches(ca, peer.Fingerprint))
            throw new PeerCaRefusedException($"the CA it serves has fingerprint {CertificateFingerprint.Of(ca)}, not the configured {peer.Fingerprint}");
        using (serverLeaf)
        {
            if (serverLeaf is null || !PinnedChain.ChainsTo(serverLeaf, ca, _time.GetUtcNow()))
                throw new PeerCaRefusedException("its server certificate is not issued by the CA it serves");
        }

        return ca.ExportCertificatePem();
    }

    private static X509Certificate2 ParsePem(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new PeerCaRefusedException("it did not serve a PEM certificate: " + e.Message);
        }
    }

    private X509Certificate2? Load(PeerConfig peer)
    {
        var path = Path.Combine(_data.PeerPath(peer.Name), "ca.crt");
        if (!File.Exists(path))
            return null;
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        if (CertificateFingerprint.Matches(ca, peer.Fingerprint))
            return ca;
        Log.StaleCache(_logger, peer.Name, path);
        ca.Dispose();
        return null;
    }

    public void Dispose()
    {
        foreach (var ca in _held.Values)
            ca.Dispose();
    }

    private sealed class PeerCaRefusedException(string message) : Exception(message);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "fetched the CA certificate of peer {Peer} (fingerprint {Fingerprint})")]
        public static partial void Fetched(ILogger logger, string peer, string fingerprint);

        [LoggerMessage(2, LogLevel.Warning, "cannot fetch the CA certificate of peer {Peer} from {Url}: {Reason}")]
        public static partial void FetchFailed(ILogger logger, string peer, Uri url, string reason);

        [LoggerMessage(3, LogLevel.Warning, "ignoring {Path}: it is not the CA certificate configured for peer {Peer}; fetching it again")]
        public static partial void StaleCache(ILogger logger, string peer, string path);
    }
}
