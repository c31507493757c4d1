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
    private static readonly TimeSpan RenewAfter = Lifetime * 2 / 3;

    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    // The one before: a handshake that picked it may still be using it.
    private X509Certificate2? _previous;
    private DateTimeOffset _renewAt;

    /// <summary>The certificate to present now, renewed first if it is due.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (_current is null || now >= _renewAt)
                    Renew(now);
                return _current!;
            }
        }
    }

    private void Renew(DateTimeOffset now)
    {
        var renewed = authority.IssueServerCertificate(names, addresses, time);
        _previous?.Dispose();
        _previous = _current;
        _current = renewed;
        _renewAt = now + RenewAfter;
        if (_previous is not null)
            Log.Renewed(logger, renewed.NotAfter.ToUniversalTime());
    }

    public void Dispose()
    {
        _current?.Dispose();
        _previous?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "renewed the server certificate; the new one is valid until {NotAfter:u}")]
        public static partial void Renewed(ILogger logger, DateTime notAfter);
    }
}
