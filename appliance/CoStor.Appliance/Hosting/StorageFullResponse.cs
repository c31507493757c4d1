using CoStor.Appliance.Api;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Hosting;

/// <summary>
/// Turns "the appliance's disk is full" — a pack or catalogue write failing with ENOSPC or EDQUOT, or SQLite
/// reporting SQLITE_FULL — into 507 Insufficient Storage with a message saying so, on every endpoint, instead
/// of a bare 500. Nothing the request wrote is kept: an upload's pack is rolled back and its index
/// transaction never commits, so the agent can send the same batch again once there is room.
/// </summary>
public static class StorageFullResponse
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int SqliteFull = 13;

    public static bool IsStorageFull(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        IOException io => io.HResult is Enospc or Edquot,
        _ => exception.InnerException is { } inner && IsStorageFull(inner),
    };

    public static void UseStorageFullResponse(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFullResponse));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (IsStorageFull(e) && !context.Response.HasStarted)
            {
                logger.LogError("storage full: {Method} {Path} refused: {Message}", context.Request.Method, context.Request.Path, e.Message);
                await ApiErrors.Error(StatusCodes.Status507InsufficientStorage,
                    "the appliance's storage is full: nothing from this request was stored; free space or add storage, then retry")
                    .ExecuteAsync(context);
            }
        });
    }
}
