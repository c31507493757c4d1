using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CoStor.Appliance.Tests.Replication.Trust;

/// <summary>
/// Two real appliances in-process over real HTTPS on 127.0.0.1, sites "north" and "south", each configured (through
/// a TOML file and <see cref="ConfigLoader"/>) with the other as its peer and the other's CA fingerprint.
/// </summary>
public sealed class PeerSites : IAsyncDisposable
{
    private readonly ScratchDirectory _scratch = new();

    private PeerSites() { }

    public WebApplication North { get; private set; } = null!;
    public WebApplication South { get; private set; } = null!;
    public PeerConfig SouthAsPeer => North.Services.GetRequiredService<SiteContext>().Config.Peers[0];
    public PeerConfig NorthAsPeer => South.Services.GetRequiredService<SiteContext>().Config.Peers[0];
    public Uri NorthUrl => NorthAsPeer.Url;
    public Uri SouthUrl => SouthAsPeer.Url;

    /// <summary>Starts both; when <paramref name="exchangeCas"/>, waits until each holds the other's CA (the background fetch).</summary>
    public static async Task<PeerSites> StartAsync(bool exchangeCas = true)
    {
        var sites = new PeerSites();
        var north = sites.Prepare("north");
        var south = sites.Prepare("south");
        var (northPort, southPort) = (FreePort(), FreePort());
        sites.North = Build(north, northPort, "south", southPort, Fingerprint(south));
        sites.South = Build(south, southPort, "north", northPort, Fingerprint(north));
        await sites.North.StartAsync();
        await sites.South.StartAsync();
        if (exchangeCas)
        {
            await WaitForCaAsync(sites.North);
            await WaitForCaAsync(sites.South);
        }

        return sites;
    }

    /// <summary>An HTTP client presenting <paramref name="certificate"/> whatever issuers the server names, trusting any server.</summary>
    public static HttpClient ClientPresenting(X509Certificate2? certificate, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        { BaseAddress = baseAddress };

    public static CertificateAuthority Authority(WebApplication app) => app.Services.GetRequiredService<SiteContext>().Authority;

    private DataDirectory Prepare(string name)
    {
        var data = new DataDirectory(Path.Combine(_scratch.Path, name));
        SiteInitializer.Create(data, name, TimeProvider.System);
        return data;
    }

    private static string Fingerprint(DataDirectory data)
    {
        using var authority = CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), TimeProvider.System);
        return authority.Fingerprint;
    }

    private static WebApplication Build(DataDirectory data, int port, string peer, int peerPort, string peerFingerprint)
    {
        var name = Path.GetFileName(data.Root);
        var toml = $"""
            [site]
            name = "{name}"
            [server]
            urls = "https://127.0.0.1:{port}"
            data_dir = "{data.Root}"
            [replication]
            interval_seconds = 1
            [[peers]]
            name = "{peer}"
            url = "https://127.0.0.1:{peerPort}/"
            fingerprint = "{peerFingerprint}"
            """;
        var file = Path.Combine(data.Root, "appliance.toml");
        File.WriteAllText(file, toml);
        return ApplianceHost.Build(ConfigLoader.Load(file), data, SiteKeys.Open(data), TimeProvider.System);
    }

    private static async Task WaitForCaAsync(WebApplication app)
    {
        var authorities = app.Services.GetRequiredService<PeerAuthorities>();
        for (var i = 0; i < 200 && !authorities.Complete; i++)
            await Task.Delay(50);
        if (!authorities.Complete)
            throw new TimeoutException("the peer's CA was not fetched within 10 s");
    }

    /// <summary>A port free now (the hosts need each other's address before either starts, so port 0 will not do).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { North, South }.Where(a => a is not null))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _scratch.Dispose();
    }
}
