using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>The appliance's TLS: its cipher preference applies to any client, and the other AEAD suites stay on offer.</summary>
public class TlsTests
{
    [Test]
    public async Task Clients_get_aes_128_gcm_first_and_aes_256_gcm_when_they_insist()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));

        // A default client lists AES-256 before AES-128; the server's order decides.
        await Assert.That(await NegotiateAsync(appliance, SslProtocols.Tls13, null)).IsEqualTo(TlsCipherSuite.TLS_AES_128_GCM_SHA256);
        await Assert.That(await NegotiateAsync(appliance, SslProtocols.Tls12, null)).IsEqualTo(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        await Assert.That(await NegotiateAsync(appliance, SslProtocols.Tls13, new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_256_GCM_SHA384])))
            .IsEqualTo(TlsCipherSuite.TLS_AES_256_GCM_SHA384);
    }

    private static async Task<TlsCipherSuite> NegotiateAsync(ApplianceProcess appliance, SslProtocols protocols, CipherSuitesPolicy? suites)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", appliance.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            CipherSuitesPolicy = suites,
            RemoteCertificateValidationCallback = (_, _, _, _) => true, // the certificate itself is tested elsewhere
        });
        return tls.NegotiatedCipherSuite;
    }
}
