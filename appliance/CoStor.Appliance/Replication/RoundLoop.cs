namespace CoStor.Appliance.Replication;

/// <summary>
/// The loop of the replication services (pulling, proving): a round every <c>interval</c> until the host stops,
/// the first one interval after start. A round that fails unexpectedly is logged and the next one runs as usual:
/// a background service that threw would stop the whole appliance, and one bad round (a peer answering garbage, a
/// busy catalogue) must never stop backups.
/// </summary>
internal static partial class RoundLoop
{
    public static async Task RunAsync(string what, Func<CancellationToken, Task> round, TimeSpan interval, TimeProvider time, ILogger logger,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await round(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.RoundFailed(logger, what, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "a {What} round failed; the next one runs as usual: {Reason}")]
        public static partial void RoundFailed(ILogger logger, string what, string reason);
    }
}
