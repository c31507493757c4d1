namespace CoStor.Appliance.Storage;

/// <summary>
/// Seals full packs in the background while the appliance serves and, when it stops (after the server has
/// drained its requests), seals the queued full packs and every idle open pack that holds blobs.
/// </summary>
public sealed partial class PackSealingService(PackStore packs, ILogger<PackSealingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await packs.SealFullPacksAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The pack stays open in the catalogue; the next start resumes it and seals it when it fills.
                Log.SealFailed(logger, e.Message);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        packs.SealIdle();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "sealing a full pack failed; it stays open and is resumed at the next start: {Message}")]
        public static partial void SealFailed(ILogger logger, string message);
    }
}
