using System.Net.Sockets;

namespace CoStor.Agent.Client;

/// <summary>
/// Which failures are worth trying again: the appliance was unreachable or the connection broke (restarting,
/// rebooting, a network blip). A refused TLS handshake (wrong appliance, pin mismatch) and every answer the
/// appliance gave (4xx, 5xx) are not: trying again would only repeat them.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => false,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded } => true,
        HttpRequestException h => BrokenConnection(h),
        IOException io => BrokenConnection(io),
        _ => false,
    };

    /// <summary>The innermost exception's message without its final full stop, to sit inside a sentence.</summary>
    public static string Cause(Exception e)
    {
        while (e.InnerException is { } inner)
            e = inner;
        return e.Message.TrimEnd('.');
    }

    /// <summary>A reset, aborted or refused socket somewhere in the chain, or a reply that ended early.</summary>
    public static bool BrokenConnection(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted
                or SocketError.ConnectionRefused or SocketError.Shutdown or SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
                return true;
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
                return true;
        }
        return false;
    }
}
