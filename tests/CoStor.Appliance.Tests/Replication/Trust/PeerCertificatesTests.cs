using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Tests.Replication.Trust;

/// <summary>This box's client certificate for its peers: who it names, what it is for, and when it is renewed.</summary>
public class PeerCertificatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task It_names_the_site_is_for_client_authentication_and_chains_to_the_site_CA()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        using var authority = Authority(scratch, time);
        using var certificates = new PeerCertificates(authority, "north", time);

        var certificate = certificates.Current;

        await Assert.That(certificate.GetNameInfo(X509NameType.SimpleName, false)).IsEqualTo("north");
        await Assert.That(certificate.HasPrivateKey).IsTrue();
        await Assert.That(PinnedChain.HasPurpose(certificate, CertificateAuthority.ClientAuthOid)).IsTrue();
        await Assert.That(PinnedChain.HasPurpose(certificate, "1.3.6.1.5.5.7.3.1")).IsFalse();
        await Assert.That(PinnedChain.ChainsTo(certificate, authority.Certificate, Start, CertificateAuthority.ClientAuthOid)).IsTrue();
    }

    [Test]
    public async Task It_is_backdated_a_day_and_renewed_after_two_thirds_of_its_90_days()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        using var authority = Authority(scratch, time);
        using var certificates = new PeerCertificates(authority, "north", time);

        var first = certificates.Current;
        await Assert.That(first.NotBefore.ToUniversalTime()).IsEqualTo(Start.AddDays(-1).UtcDateTime);
        await Assert.That(first.NotAfter.ToUniversalTime()).IsEqualTo(Start.AddDays(90).UtcDateTime);
        time.Advance(TimeSpan.FromDays(59));
        await Assert.That(certificates.Current.Thumbprint).IsEqualTo(first.Thumbprint);
        time.Advance(TimeSpan.FromDays(2));
        var renewed = certificates.Current;
        await Assert.That(renewed.Thumbprint).IsNotEqualTo(first.Thumbprint);
        await Assert.That(renewed.NotAfter.ToUniversalTime()).IsEqualTo(Start.AddDays(61 + 90).UtcDateTime);
    }

    [Test]
    public async Task Another_CA_or_a_time_outside_its_validity_does_not_chain()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        using var authority = Authority(scratch, time);
        using var otherScratch = new ScratchDirectory();
        using var other = Authority(otherScratch, time);
        using var certificates = new PeerCertificates(authority, "north", time);

        var certificate = certificates.Current;

        await Assert.That(PinnedChain.ChainsTo(certificate, other.Certificate, Start)).IsFalse();
        await Assert.That(PinnedChain.ChainsTo(certificate, authority.Certificate, Start.AddDays(91))).IsFalse();
        await Assert.That(PinnedChain.ChainsTo(certificate, authority.Certificate, Start.AddDays(-2))).IsFalse();
    }

    private static CertificateAuthority Authority(ScratchDirectory scratch, TimeProvider time)
    {
        var data = new DataDirectory(scratch.Path);
        SiteInitializer.Create(data, "north", time);
        return CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), time);
    }
}
