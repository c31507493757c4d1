using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Tls;
using CoStor.Appliance.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CoStor.Appliance.Tests.Replication.Trust;

/// <summary>
/// Mutual TLS between two real sites on the one HTTPS port: configured peers reach <c>/peer/v1</c>, and nothing
/// else does — not another CA, not a peer's CA vouching for another name, not an agent or a person, and a peer's
/// certificate opens nothing outside <c>/peer/v1</c>.
/// </summary>
[NotInParallel(nameof(PeerTrustTests))]
public class PeerTrustTests
{
    private const string Hello = "peer/v1/hello";

    [Test]
    public async Task Hello_works_both_ways_through_PeerClients()
    {
        await using var sites = await PeerSites.StartAsync();

        var fromNorth = await HelloAsync(sites.North.Services.GetRequiredService<PeerClients>().For(sites.SouthAsPeer));
        var fromSouth = await HelloAsync(sites.South.Services.GetRequiredService<PeerClients>().For(sites.NorthAsPeer));

        await Assert.That(fromNorth.GetProperty("site").GetString()).IsEqualTo("south");
        await Assert.That(fromNorth.GetProperty("fingerprint").GetString()).IsEqualTo(sites.SouthAsPeer.Fingerprint);
        await Assert.That(fromSouth.GetProperty("site").GetString()).IsEqualTo("north");
        await Assert.That(fromSouth.GetProperty("fingerprint").GetString()).IsEqualTo(sites.NorthAsPeer.Fingerprint);
        var time = fromSouth.GetProperty("time").GetDateTimeOffset();
        await Assert.That((DateTimeOffset.UtcNow - time).Duration()).IsLessThan(TimeSpan.FromMinutes(1));
    }

    [Test]
    public async Task Each_site_keeps_the_fetched_peer_CA_in_its_data_directory()
    {
        await using var sites = await PeerSites.StartAsync();
        var data = sites.North.Services.GetRequiredService<CoStor.Appliance.Site.DataDirectory>();

        using var held = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(data.PeerPath("south"), "ca.crt")));

        await Assert.That(CoStor.Core.Protocol.CertificateFingerprint.Of(held)).IsEqualTo(sites.SouthAsPeer.Fingerprint);
    }

    [Test]
    public async Task The_handshake_names_only_the_peers_CAs_as_acceptable_issuers()
    {
        await using var sites = await PeerSites.StartAsync();
        string[]? named = null;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, issuers) =>
                {
                    named = issuers;
                    return null!;
                },
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        }) { BaseAddress = sites.NorthUrl };

        using var response = await http.GetAsync("healthz");

        await Assert.That(response.StatusCode).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(named).IsEquivalentTo([PeerSites.Authority(sites.South).Certificate.Subject]);
    }

    [Test]
    public async Task A_client_certificate_from_an_unconfigured_CA_is_refused()
    {
        await using var sites = await PeerSites.StartAsync();
        using var rogue = RogueClientCertificate("south");
        using var http = PeerSites.ClientPresenting(rogue, sites.NorthUrl);

        using var response = await http.GetAsync(Hello);

        await Assert.That(response.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_peer_CA_cannot_vouch_for_another_site_name()
    {
        await using var sites = await PeerSites.StartAsync();
        var southCa = PeerSites.Authority(sites.South);
        using var west = southCa.IssueClientCertificate("west", TimeProvider.System);
        using var northBySouth = southCa.IssueClientCertificate("north", TimeProvider.System);
        using var asWest = PeerSites.ClientPresenting(west, sites.NorthUrl);
        using var asNorthAtSouth = PeerSites.ClientPresenting(northBySouth, sites.SouthUrl);

        using var westResponse = await asWest.GetAsync(Hello);
        using var impostorResponse = await asNorthAtSouth.GetAsync(Hello);

        await Assert.That(westResponse.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
        await Assert.That(impostorResponse.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_server_certificate_is_not_a_client_certificate()
    {
        await using var sites = await PeerSites.StartAsync();
        using var serverCertificate = PeerSites.Authority(sites.South).IssueServerCertificate(["south"], [], TimeProvider.System);
        using var http = PeerSites.ClientPresenting(serverCertificate, sites.NorthUrl);

        using var response = await http.GetAsync(Hello);

        await Assert.That(response.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_client_pinning_a_wrong_fingerprint_fails_TLS()
    {
        await using var sites = await PeerSites.StartAsync();
        var wrong = sites.SouthAsPeer with { Fingerprint = TestFingerprint.Value };
        var clients = sites.North.Services.GetRequiredService<PeerClients>();

        await Assert.That(async () => await clients.For(wrong).GetAsync(Hello)).Throws<HttpRequestException>();
    }

    [Test]
    public async Task A_peer_CA_with_another_fingerprint_is_not_fetched()
    {
        await using var sites = await PeerSites.StartAsync(exchangeCas: false);
        using var scratch = new ScratchDirectory();
        var wrong = sites.SouthAsPeer with { Fingerprint = TestFingerprint.Value };
        using var authorities = new PeerAuthorities([wrong], new CoStor.Appliance.Site.DataDirectory(scratch.Path), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PeerAuthorities>.Instance);

        var fetched = await authorities.GetAsync(wrong, CancellationToken.None);

        await Assert.That(fetched).IsNull();
        await Assert.That(File.Exists(Path.Combine(scratch.Path, "peers", "south", "ca.crt"))).IsFalse();
    }

    [Test]
    public async Task A_peer_certificate_opens_neither_the_agent_API_nor_the_web_UI()
    {
        await using var sites = await PeerSites.StartAsync();
        var south = sites.South.Services.GetRequiredService<PeerCertificates>().Current;
        using var http = PeerSites.ClientPresenting(south, sites.NorthUrl);

        using var api = await http.GetAsync("api/v1/snapshots");
        using var ui = await http.GetAsync("");

        await Assert.That(api.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
        await Assert.That(ui.StatusCode).IsEqualTo(HttpStatusCode.Redirect);
        await Assert.That(ui.Headers.Location!.OriginalString).StartsWith("/login");
    }

    [Test]
    public async Task An_agent_or_an_admin_is_refused_on_the_peer_API()
    {
        await using var sites = await PeerSites.StartAsync();
        var services = sites.North.Services;
        var enrolment = services.GetRequiredService<EnrolmentStore>();
        var agent = enrolment.Enrol(enrolment.CreateToken(TimeSpan.FromHours(1), "test", new string('0', 64)), "pc", "host");
        services.GetRequiredService<UserStore>().Add("boss", "admin", "a long enough password", "test");
        var session = services.GetRequiredService<WebSessionStore>().Start("boss", null);
        using var http = PeerSites.ClientPresenting(null, sites.NorthUrl);

        using var asAgent = await SendAsync(http, "Authorization", $"Bearer {agent.AgentId}.{agent.Credential}");
        using var asAdmin = await SendAsync(http, "Cookie", $"{PersonSessionHandler.CookieName}={session}");
        using var asNobody = await http.GetAsync(Hello);

        await Assert.That(asAgent.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
        await Assert.That(asAdmin.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
        await Assert.That(asNobody.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_peer_API_and_its_scheme_are_in_the_OpenAPI_document()
    {
        await using var sites = await PeerSites.StartAsync(exchangeCas: false);
        using var http = PeerSites.ClientPresenting(null, sites.NorthUrl);

        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));

        var hello = document.RootElement.GetProperty("paths").GetProperty("/peer/v1/hello").GetProperty("get");
        await Assert.That(hello.GetProperty("security")[0].TryGetProperty(CallerSchemes.PeerCertificate, out _)).IsTrue();
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty(CallerSchemes.PeerCertificate);
        await Assert.That(scheme.GetProperty("type").GetString()).IsEqualTo("mutualTLS");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Hello);
        request.Headers.TryAddWithoutValidation(header, value);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> HelloAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Hello);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>A client certificate named like a peer but issued by a CA no site configured.</summary>
    private static X509Certificate2 RogueClientCertificate(string name)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=rogue CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CertificateAuthority.ClientAuthOid)], false));
        using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(10), [1, 2, 3, 4]);
        using var withKey = leaf.CopyWithPrivateKey(leafKey);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
