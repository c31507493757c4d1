namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Fills the <see cref="KnownBlobFilter"/> from the index in the background after start; uploads add their ids
/// meanwhile. Stopped early (the appliance shutting down) or failed, the filter stays unloaded and answers
/// "may be held" to everything, so uploads probe the index as they would without it.
/// </summary>
public sealed partial class KnownBlobFilterLoader(KnownBlobFilter filter, CatalogueDatabase database, ILogger<KnownBlobFilterLoader> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            filter.AddAll(database, stoppingToken);
            filter.MarkLoaded();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            Log.LoadFailed(logger, e.Message);
        }
    }, CancellationToken.None);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "the filter of known blob ids could not load ({Message}); uploads ask the index for every blob")]
        public static partial void LoadFailed(ILogger logger, string message);
    }
}
