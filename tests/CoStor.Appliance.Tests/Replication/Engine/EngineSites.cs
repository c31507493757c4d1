using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Replication.Proving;
using CoStor.Appliance.Replication.Pulling;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;
using CoStor.Core.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CoStor.Appliance.Tests.Replication.Engine;

/// <summary>
/// Several real appliances in-process over real HTTPS, each with its own data directory and every other as a peer
/// (as <c>Trust/PeerSites</c> does for two). Background rounds are an hour apart, so tests drive the pull and proof
/// rounds themselves; <paramref name="peerExtra"/> adds TOML lines (bandwidth, window) to every [[peers]] entry.
/// </summary>
public sealed class EngineSites : IAsyncDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly Dictionary<string, WebApplication> _apps = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, WebApplication> Apps => _apps;

    public WebApplication this[string name] => _apps[name];

    public static async Task<EngineSites> StartAsync(string[] names, int copies, TimeProvider? time = null, string peerExtra = "")
    {
        var sites = new EngineSites();
        var data = names.ToDictionary(n => n, n => sites.Prepare(n));
        var ports = names.ToDictionary(n => n, _ => FreePort());
        var fingerprints = names.ToDictionary(n => n, n => Fingerprint(data[n]));
        foreach (var name in names)
        {
            var peers = string.Concat(names.Where(p => p != name).Select(p => $"""

                [[peers]]
                name = "{p}"
                url = "https://127.0.0.1:{ports[p]}/"
                fingerprint = "{fingerprints[p]}"
                {peerExtra}
                """));
            var toml = $"""
                [site]
                name = "{name}"
                [server]
                urls = "https://127.0.0.1:{ports[name]}"
                data_dir = "{data[name].Root}"
                [replication]
                copies = {copies}
                interval_seconds = 3600
                proof_sample = 8
                {peers}
                """;
            var file = Path.Combine(data[name].Root, "appliance.toml");
            await File.WriteAllTextAsync(file, toml);
            sites._apps[name] = ApplianceHost.Build(ConfigLoader.Load(file), data[name], SiteKeys.Open(data[name]), time ?? TimeProvider.System);
        }
        foreach (var app in sites._apps.Values)
            await app.StartAsync();
        // Each host's background fetch tries once at start (the next try is an interval away): let those finish, then
        // fetch what the hosts started before their peers missed, one writer per file.
        var all = sites._apps.Values.Select(a => a.Services.GetRequiredService<PeerAuthorities>()).ToList();
        for (var i = 0; i < 40 && !all.All(a => a.Complete); i++)
            await Task.Delay(50);
        await Task.Delay(300);
        foreach (var authorities in all)
        {
            foreach (var peer in authorities.Peers)
                _ = await authorities.GetAsync(peer, CancellationToken.None) ?? throw new InvalidOperationException("peer CA not fetched");
        }
        return sites;
    }

    public static T Get<T>(WebApplication app) where T : notnull => app.Services.GetRequiredService<T>();

    public static DataDirectory Data(WebApplication app) => Get<DataDirectory>(app);

    public static PeerConfig Peer(WebApplication app, string name) => Get<SiteContext>(app).Config.Peers.Single(p => p.Name == name);

    /// <summary>Ingests <paramref name="count"/> random blobs of <paramref name="size"/> bytes as one sealed pack; returns its name.</summary>
    public static async Task<string> SealPackAsync(WebApplication app, int count = 3, int size = 20_000)
    {
        var agent = Agent(app);
        var frames = new MemoryStream();
        for (var i = 0; i < count; i++)
            frames.Write(TestSite.Frame(BlobType.Data, RandomNumberGenerator.GetBytes(size)));
        frames.Position = 0;
        var packs = Get<PackStore>(app);
        var before = packs.Sealed.List().ToHashSet();
        await Get<BlobIngest>(app).IngestAsync(agent, frames, CancellationToken.None);
        packs.SealIdle();
        return packs.Sealed.List().Except(before).Single().ToString();
    }

    public static string Agent(WebApplication app)
    {
        var enrolment = Get<EnrolmentStore>(app);
        return enrolment.Enrol(enrolment.CreateToken(TimeSpan.FromHours(1), "test", TestFingerprint.Value), "pc", "pc").AgentId!;
    }

    public static Task<IReadOnlyDictionary<string, PeerPuller.Round>> PullAsync(WebApplication app) =>
        Get<PullService>(app).RunRoundAsync(CancellationToken.None);

    public static Task<IReadOnlyDictionary<string, IReadOnlyList<CoStor.Appliance.Replication.Proofs.ProofResult>>> ProveAsync(WebApplication app) =>
        Get<ProofService>(app).RunRoundAsync(CancellationToken.None);

    /// <summary>The dashboard fragment <paramref name="app"/> shows a newly signed-in admin, over its real HTTPS port.</summary>
    public static async Task<string> AdminDashboardAsync(WebApplication app)
    {
        var name = $"admin-{Guid.NewGuid():N}"[..20];
        Get<UserStore>(app).Add(name, "admin", "a long enough password", "test");
        var cookie = $"{PersonSessionHandler.CookieName}={Get<WebSessionStore>(app).Start(name, null)}";
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Get<SiteContext>(app).Config.Server.Urls[0] + "/"));
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        request.Headers.Add("HX-Request", "true");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Where <paramref name="holder"/> keeps pack <paramref name="pack"/> of site <paramref name="owner"/>.</summary>
    public static string HeldPath(WebApplication holder, string owner, string pack) =>
        LocalPackDirectory.PathIn(Path.Combine(Data(holder).PeerPath(owner), "packs"), pack);

    public static string OwnPath(WebApplication owner, string pack) => LocalPackDirectory.PathIn(Data(owner).PacksPath, pack);

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        _scratch.Dispose();
    }
}
