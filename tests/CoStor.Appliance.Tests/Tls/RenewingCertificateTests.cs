using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Tests.Tls;

public class RenewingCertificateTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Issues_on_first_use_again_once_due_and_keeps_the_one_before_usable_until_the_next_renewal()
    {
        var time = new ManualTime(Start);
        var issued = new List<X509Certificate2>();
        var renewals = new List<X509Certificate2>();
        using var holder = new RenewingCertificate(() =>
        {
            var certificate = SelfSigned($"n{issued.Count}");
            issued.Add(certificate);
            return certificate;
        }, TimeSpan.FromDays(60), time, renewals.Add);

        var first = holder.Current;
        time.Advance(TimeSpan.FromDays(59));
        await Assert.That(ReferenceEquals(holder.Current, first)).IsTrue();
        await Assert.That(renewals).IsEmpty();

        time.Advance(TimeSpan.FromDays(1));
        var second = holder.Current;
        await Assert.That(ReferenceEquals(second, first)).IsFalse();
        await Assert.That(renewals.Count == 1 && ReferenceEquals(renewals[0], second)).IsTrue();
        await Assert.That(first.Handle).IsNotEqualTo(IntPtr.Zero).Because("the one before stays alive: a handshake may hold it");

        time.Advance(TimeSpan.FromDays(60));
        var third = holder.Current;
        await Assert.That(issued.Count).IsEqualTo(3);
        await Assert.That(first.Handle).IsEqualTo(IntPtr.Zero).Because("two renewals later it is disposed");
        await Assert.That(second.Handle).IsNotEqualTo(IntPtr.Zero);
        await Assert.That(third.Subject).IsEqualTo("CN=n2");
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256).CreateSelfSigned(Start.AddDays(-1), Start.AddYears(1));
    }
}
