using CoStor.Agent.Client;

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
            $"cannot connect to the appliance: {TransientFailure.Cause(h)}",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } h =>
            $"no trusted TLS connection to the appliance (is it the appliance this PC enrolled with?): {TransientFailure.Cause(h)}",
        HttpRequestException h when h.HttpRequestError == HttpRequestError.ResponseEnded || TransientFailure.BrokenConnection(h) =>
            $"the appliance closed the connection before its reply was complete ({TransientFailure.Cause(h)}; the appliance's log says why)",
        HttpRequestException { InnerException: { } } h => $"{h.Message.TrimEnd('.')}: {TransientFailure.Cause(h)}",
        _ => e.Message,
    };
}
