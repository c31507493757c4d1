using System.Security.Cryptography.X509Certificates;

namespace CoStor.Appliance.Tls;

/// <summary>
/// A certificate issued on first use and issued again once <paramref name="renewAfter"/> has passed since, checked
/// whenever it is asked for (no timer; it follows the injected clock). The one before stays alive until the next
/// renewal, since a handshake that picked it may still be using it. <paramref name="renewed"/> hears of each
/// replacement (not of the first issue). The server and peer-client certificates are both held this way.
/// </summary>
public sealed class RenewingCertificate(Func<X509Certificate2> issue, TimeSpan renewAfter, TimeProvider time,
    Action<X509Certificate2>? renewed = null) : IDisposable
{
    private readonly Lock _gate = new();
    private X509Certificate2? _current;
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
                {
                    var next = issue();
                    _previous?.Dispose();
                    _previous = _current;
                    _current = next;
                    _renewAt = now + renewAfter;
                    if (_previous is not null)
                        renewed?.Invoke(next);
                }
                return _current;
            }
        }
    }

    public void Dispose()
    {
        _current?.Dispose();
        _previous?.Dispose();
    }
}
