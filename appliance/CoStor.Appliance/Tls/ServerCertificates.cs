using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace CoStor.Appliance.Tls;

/// <summary>
/// The server certificate Kestrel presents (through its certificate selector), issued by the site CA. It is valid
/// from a day before issue — PCs whose clocks lag still connect — for 90 days, and is renewed once two thirds of
/// that have passed. The check runs at each TLS handshake: no timer, no restart, and it follows the injected
/// clock. Connections keep the certificate they started with; new ones get the new one.
/// </summary>
public sealed partial class ServerCertificates(CertificateAuthority authority, IReadOnlyList<string> names, IReadOnlyList<IPAddress> addresses,
    TimeProvider time, ILogger<ServerCertificates> logger) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);
    public static readonly TimeSpan Backdating = TimeSpan.FromDays(1);

    private readonly RenewingCertificate _certificate = new(() => authority.IssueServerCertificate(names, addresses, time), Lifetime * 2 / 3, time,
        renewed => Log.Renewed(logger, renewed.NotAfter.ToUniversalTime()));

    /// <summary>The certificate to present now, renewed first if it is due.</summary>
    public X509Certificate2 Current => _certificate.Current;

    public void Dispose() => _certificate.Dispose();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "renewed the server certificate; the new one is valid until {NotAfter:u}")]
        public static partial void Renewed(ILogger logger, DateTime notAfter);
    }
}
