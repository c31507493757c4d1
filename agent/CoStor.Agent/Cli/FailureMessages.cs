using CoStor.Agent.Client;
using CoStor.Agent.State;

namespace CoStor.Agent.Cli;

/// <summary>
/// The one line a failed command prints. Transport failures say what happened between this PC and the
/// appliance instead of .NET's "An error occurred while sending the request." with the cause hidden inside.
/// </summary>
public static class FailureMessages
{
    /// <summary>
    /// The failure to report when <paramref name="e"/> is the environment's or the input's, not the agent's (one
    /// line, exit 1; <c>run</c> logs it and carries on); null for a bug. A failure inside a parallel loop (the walk,
    /// tree sealing) arrives wrapped in an <see cref="AggregateException"/> and is unwrapped.
    /// </summary>
    public static Exception? Expected(Exception e) => e switch
    {
        AggregateException a when a.Flatten().InnerExceptions is [var first, ..] => IsExpected(first) ? first : null,
        _ => IsExpected(e) ? e : null,
    };

    private static bool IsExpected(Exception e) =>
        e is AgentException or IOException or HttpRequestException or UnauthorizedAccessException
            or CoStor.Core.Errors.CoStorException or TaskCanceledException or FormatException;

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
