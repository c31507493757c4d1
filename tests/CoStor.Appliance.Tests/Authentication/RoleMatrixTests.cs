using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CoStor.Appliance.Tests.Authentication;

/// <summary>
/// Every route × every kind of caller, over real HTTPS against the real host: each caller is admitted exactly where
/// <see cref="RoutePolicyTests.Expected"/> says, and refused (401, 403, or sent to sign in) everywhere else. A route
/// missing from the table fails <see cref="RoutePolicyTests"/>, so nothing reachable escapes this walk.
/// </summary>
[NotInParallel(nameof(RoleMatrixTests))]
public class RoleMatrixTests
{
    private static readonly string[] Callers = ["anonymous", "agent", "scraper", "restorer", "operator", "admin", "peer"];

    private static readonly Dictionary<string, string[]> Admitted = new()
    {
        [RoutePolicyTests.Anonymous] = Callers,
        [CallerPolicies.Agent] = ["agent"],
        [CallerPolicies.Scraper] = ["scraper"],
        [CallerPolicies.Peer] = ["peer"],
        [CallerPolicies.Person] = ["restorer", "operator", "admin"],
        [CallerPolicies.Operator] = ["operator", "admin"],
        [CallerPolicies.Admin] = ["admin"],
    };

    [Test]
    public async Task Each_caller_is_admitted_exactly_where_the_route_table_says()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        SiteInitializer.Create(data, "school", TimeProvider.System);
        var config = ConfigLoader.Load(null, new ConfigOverrides(data.Root, "https://127.0.0.1:0", "school"));
        var peer = PeerSite(scratch, data);
        using var peerAuthority = peer.Authority;
        using var peerCertificate = peer.Certificate;
        await using var app = ApplianceHost.Build(config with { Peers = [peer.Config] }, data, SiteKeys.Open(data), TimeProvider.System);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var credentials = Credentials(app.Services, data);
        credentials["peer"] = null;

        var wrong = new List<string>();
        foreach (var (route, policy) in RoutePolicyTests.Expected)
        {
            foreach (var caller in Callers)
            {
                var admitted = await IsAdmittedAsync(url, route, credentials[caller], caller == "peer" ? peer.Certificate : null);
                if (admitted != Admitted[policy].Contains(caller))
                    wrong.Add($"{route} as {caller}: {(admitted ? "admitted" : "refused")}, expected {(admitted ? "refused" : "admitted")}");
            }
        }
        await app.StopAsync();
        await Assert.That(wrong).IsEmpty();
    }

    /// <summary>One header per caller: a session cookie for people, a bearer for agents and scrapers, nothing for anonymous.</summary>
    private static Dictionary<string, (string Header, string Value)?> Credentials(IServiceProvider services, DataDirectory data)
    {
        var users = services.GetRequiredService<UserStore>();
        var sessions = services.GetRequiredService<WebSessionStore>();
        var result = new Dictionary<string, (string, string)?> { ["anonymous"] = null };
        foreach (var role in new[] { "restorer", "operator", "admin" })
        {
            users.Add($"a-{role}", role, "a long enough password", "test");
            result[role] = ("Cookie", $"{PersonSessionHandler.CookieName}={sessions.Start($"a-{role}", null)}");
        }
        var enrolment = services.GetRequiredService<EnrolmentStore>();
        var outcome = enrolment.Enrol(enrolment.CreateToken(TimeSpan.FromHours(1), "test", new string('0', 64)), "pc", "host");
        result["agent"] = ("Authorization", $"Bearer {outcome.AgentId}.{outcome.Credential}");
        result["scraper"] = ("Authorization", "Bearer " + File.ReadAllText(data.MetricsTokenPath).Trim());
        return result;
    }

    /// <summary>
    /// A peer site "peer-site" the host is configured with: its CA's certificate already held in the host's data
    /// directory (as if fetched), and a client certificate its CA issued.
    /// </summary>
    private static (PeerConfig Config, X509Certificate2 Certificate, IDisposable Authority) PeerSite(ScratchDirectory scratch, DataDirectory host)
    {
        var data = new DataDirectory(Path.Combine(scratch.Path, "peer-site"));
        SiteInitializer.Create(data, "peer-site", TimeProvider.System);
        var authority = CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), TimeProvider.System);
        Directory.CreateDirectory(host.PeerPath("peer-site"));
        File.Copy(data.CaCertificatePath, Path.Combine(host.PeerPath("peer-site"), "ca.crt"));
        var config = new PeerConfig("peer-site", new Uri("https://127.0.0.1:1/"), authority.Fingerprint);
        return (config, authority.IssueClientCertificate("peer-site", TimeProvider.System), authority);
    }

    private static async Task<bool> IsAdmittedAsync(string url, string route, (string Header, string Value)? credential, X509Certificate2? clientCertificate)
    {
        var space = route.IndexOf(' ');
        var path = route[(space + 1)..].Replace("{documentName}", "v1").Replace("/assets/{name}", "/assets/site.css").Replace("{name}", "no-such-user").Replace("{id}", "no-such-id");
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true, AllowAutoRedirect = false, UseCookies = false };
        if (clientCertificate is not null)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(clientCertificate);
        }
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(new HttpMethod(route[..space]), url + path);
        if (credential is { } c)
            request.Headers.TryAddWithoutValidation(c.Header, c.Value);
        // The content type each route accepts (JSON routes answer any other with 415 before authorization).
        if (request.Method == HttpMethod.Post)
            request.Content = path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/peer/", StringComparison.Ordinal)
                ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                : new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } };
        using var response = await http.SendAsync(request);
        var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/login", StringComparison.Ordinal) == true;
        return response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && !toSignIn;
    }
}
