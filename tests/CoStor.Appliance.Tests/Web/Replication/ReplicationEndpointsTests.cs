using System.Net;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CoStor.Appliance.Tests.Web.Replication;

/// <summary><c>GET /replication</c> and the dashboard's replication problems, over real HTTPS against the real host on a hand-moved clock.</summary>
[NotInParallel(nameof(ReplicationEndpointsTests))]
public class ReplicationEndpointsTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private const string TwoPeers = """
        [[peers]]
        name = "south"
        url = "https://127.0.0.1:9/"
        fingerprint = "1111111111111111111111111111111111111111111111111111111111111111"

        [[peers]]
        name = "east"
        url = "https://127.0.0.1:10/"
        fingerprint = "2222222222222222222222222222222222222222222222222222222222222222"
        """;

    [Test]
    public async Task Htmx_gets_the_fragment_with_each_peer_in_words_and_a_browser_the_whole_page()
    {
        await using var host = await Host.StartAsync(TwoPeers);
        var status = host.Status;
        status.RecordError("south", "connection refused");
        status.RecordBehind("east", 6, 6_000_000);
        status.RecordSuccess("east", 0);
        var packs = new PeerPackTable(host.Services.GetRequiredService<CatalogueDatabase>());
        packs.RecordHeld("east", new string('a', 64), 1_000_000, Start.AddMinutes(-30));
        var cookie = host.SignIn("operator");

        var (fragmentStatus, fragment, vary) = await host.GetAsync("/replication", cookie, htmx: true);
        await Assert.That(fragmentStatus).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(fragment).StartsWith("<div id=\"replication\"");
        await Assert.That(vary).Contains("HX-Request");
        await Assert.That(fragment).Contains("Never reached (configured just now).");
        await Assert.That(fragment).Contains("The last attempt failed just now: <span class=\"name\">connection refused</span>");
        await Assert.That(fragment).Contains("We hold 1 of east&#x27;s 7 packs assigned to us (1.0 MB); 6 waiting (6.0 MB), about 6 hours to catch up.");
        await Assert.That(fragment).Contains("Last reached just now.");
        await Assert.That(fragment).Contains("proven");

        var (pageStatus, page, _) = await host.GetAsync("/replication", cookie, htmx: false);
        await Assert.That(pageStatus).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(page).Contains("<h1>Replication</h1>");
        await Assert.That(page).Contains("<a href=\"/replication\" aria-current=\"page\">Replication</a>");
    }

    [Test]
    public async Task Without_peers_the_page_says_how_to_add_one()
    {
        await using var host = await Host.StartAsync("");
        var (status, fragment, _) = await host.GetAsync("/replication", host.SignIn("admin"), htmx: true);

        await Assert.That(status).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(fragment).Contains("[[peers]]");
        await Assert.That(fragment).Contains("<code>costor-appliance fingerprint</code>");
    }

    [Test]
    public async Task The_dashboard_lists_a_peer_unreached_for_a_day_for_operators_linking_to_the_replication_page()
    {
        await using var host = await Host.StartAsync(TwoPeers);
        host.Time.Advance(TimeSpan.FromHours(25));
        host.Status.RecordSuccess("east", 0);

        var (_, operatorView, _) = await host.GetAsync("/", host.SignIn("operator"), htmx: true);
        await Assert.That(operatorView).Contains("<a href=\"/replication\">Peer south never reached (configured 25 hours ago)</a>");
        await Assert.That(operatorView).DoesNotContain("Peer east");

        var (_, restorerView, _) = await host.GetAsync("/", host.SignIn("restorer"), htmx: true);
        await Assert.That(restorerView).DoesNotContain("Peer south");
    }

    private sealed class Host(WebApplication app, ManualTime time, ScratchDirectory scratch) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;
        public ManualTime Time => time;
        public PeerStatusStore Status => new(Services.GetRequiredService<CatalogueDatabase>(), time);

        public static async Task<Host> StartAsync(string toml)
        {
            var scratch = new ScratchDirectory();
            var time = new ManualTime(Start);
            var data = new DataDirectory(scratch.Path);
            SiteInitializer.Create(data, "school", time);
            var config = ConfigLoader.Parse(toml, "test.toml", new ConfigOverrides(data.Root, "https://127.0.0.1:0", "school"));
            var app = ApplianceHost.Build(config, data, SiteKeys.Open(data), time);
            await app.StartAsync();
            return new Host(app, time, scratch);
        }

        /// <summary>A person of <paramref name="role"/> signed in now; returns their cookie.</summary>
        public string SignIn(string role)
        {
            var name = $"p-{role}-{Guid.NewGuid():N}"[..20];
            Services.GetRequiredService<UserStore>().Add(name, role, "a long enough password", "test");
            return $"{PersonSessionHandler.CookieName}={Services.GetRequiredService<WebSessionStore>().Start(name, null)}";
        }

        public async Task<(HttpStatusCode Status, string Body, string Vary)> GetAsync(string path, string cookie, bool htmx)
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true, AllowAutoRedirect = false, UseCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, url + path);
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
            if (htmx)
                request.Headers.Add("HX-Request", "true");
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), string.Join(",", response.Headers.Vary));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            scratch.Dispose();
        }
    }
}
