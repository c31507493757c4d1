using System.Net;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Tests.Tls;

/// <summary>The server certificate renews itself; before, one certificate lived as long as the process (90 days).</summary>
public class ServerCertificatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task It_is_backdated_a_day_and_renewed_after_two_thirds_of_its_90_days()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        var (authority, certificates) = Open(scratch, time);
        using var _ = authority;
        using var __ = certificates;

        var first = certificates.Current;
        await Assert.That(Utc(first.NotBefore)).IsEqualTo(Start.AddDays(-1).UtcDateTime);
        await Assert.That(Utc(first.NotAfter)).IsEqualTo(Start.AddDays(90).UtcDateTime);
        time.Advance(TimeSpan.FromDays(59));
        await Assert.That(certificates.Current.Thumbprint).IsEqualTo(first.Thumbprint);
        time.Advance(TimeSpan.FromDays(2));
        var renewed = certificates.Current;
        await Assert.That(renewed.Thumbprint).IsNotEqualTo(first.Thumbprint);
        await Assert.That(Utc(renewed.NotAfter)).IsEqualTo(Start.AddDays(61 + 90).UtcDateTime);
        await Assert.That(Verify(renewed, authority.Certificate)).IsTrue();
    }

    /// <summary>The real host, its clock 91 days on: a new connection gets a certificate valid then, without a restart.</summary>
    [Test]
    public async Task A_running_appliance_serves_a_valid_certificate_91_days_on()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        SiteInitializer.Create(data, "school", time);
        var config = ConfigLoader.Load(null, new ConfigOverrides(data.Root, "https://127.0.0.1:0", "school"));
        await using var app = ApplianceHost.Build(config, data, SiteKeys.Open(data), time);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var before = await PresentedCertificateAsync(url);
        time.Advance(TimeSpan.FromDays(91));
        var after = await PresentedCertificateAsync(url);
        await app.StopAsync();

        await Assert.That(Utc(before.NotAfter)).IsLessThan(time.GetUtcNow().UtcDateTime);
        await Assert.That(Utc(after.NotBefore)).IsLessThan(time.GetUtcNow().UtcDateTime);
        await Assert.That(Utc(after.NotAfter)).IsGreaterThan(time.GetUtcNow().UtcDateTime.AddDays(80));
    }

    private static async Task<X509Certificate2> PresentedCertificateAsync(string url)
    {
        X509Certificate2? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = X509CertificateLoader.LoadCertificate(certificate!.RawData);
                return true;
            },
        };
        using var client = new HttpClient(handler);
        using var reply = await client.GetAsync(url + "/healthz");
        await Assert.That(reply.StatusCode).IsEqualTo(HttpStatusCode.OK);
        return presented!;
    }

    private static (CertificateAuthority, ServerCertificates) Open(ScratchDirectory scratch, TimeProvider time)
    {
        var data = new DataDirectory(scratch.Path);
        SiteInitializer.Create(data, "school", time);
        var authority = CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), time);
        return (authority, new ServerCertificates(authority, ["localhost"], [IPAddress.Loopback], time, NullLogger<ServerCertificates>.Instance));
    }

    private static DateTime Utc(DateTime value) => value.ToUniversalTime();

    private static bool Verify(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = leaf.NotBefore.AddDays(2);
        return chain.Build(leaf);
    }
}
