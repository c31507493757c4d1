namespace CoStor.Agent.Cli;

/// <summary>
/// The one line a failed command prints. Transport failures say what happened between this PC and the
/// appliance instead of .NET's "An error occurred while sending the request." with the cause hidden inside.
/// </summary>
public static class FailureMessages
{
    public static string Describe(Exception e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } h =>
            $"cannot connect to the appliance: {Cause(h)}",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } h =>
            $"no trusted TLS connection to the appliance (is it the appliance this PC enrolled with?): {Cause(h)}",
        HttpRequestException h when h.HttpRequestError == HttpRequestError.ResponseEnded || Innermost(h) is
            System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted } =>
            $"the appliance closed the connection before its reply was complete ({Cause(h)}; the appliance's log says why)",
        HttpRequestException { InnerException: { } } h => $"{h.Message.TrimEnd('.')}: {Cause(h)}",
        _ => e.Message,
    };

    /// <summary>The innermost exception's message without its final full stop, to sit inside a sentence.</summary>
    private static string Cause(Exception e) => Innermost(e).Message.TrimEnd('.');

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
            e = inner;
        return e;
    }
}
