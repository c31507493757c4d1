namespace CoStor.Appliance.Storage;

/// <summary>
/// Seals open packs that hold blobs and have been idle for <paramref name="age"/> (<c>limits.seal_idle_seconds</c>),
/// checking every half of that (at most every 30 s): only sealed packs replicate, so without this the last blobs
/// of a backup would wait for their pack to fill before any peer could hold them.
/// </summary>
public sealed partial class IdlePackSealer(PackStore packs, TimeSpan age, TimeProvider time, ILogger<IdlePackSealer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(age.Ticks / 2, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    packs.SealIdleFor(age);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The pack stays open; the next tick (or the next start) seals it.
                    Log.SealFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "sealing an idle pack failed; it stays open and is tried again: {Message}")]
        public static partial void SealFailed(ILogger logger, string message);
    }
}
