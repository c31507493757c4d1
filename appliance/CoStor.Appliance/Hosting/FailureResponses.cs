using CoStor.Appliance.Api;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Hosting;

/// <summary>
/// Failures no endpoint handles become a JSON error (the API's one error shape) instead of a bare status:
/// "the appliance's disk is full" — a pack or catalogue write failing with ENOSPC or EDQUOT, or SQLite
/// reporting SQLITE_FULL — is 507 Insufficient Storage with a message saying so; anything else is 500 with a
/// line naming the request, whose details go to the appliance's log. Nothing the request wrote is kept either
/// way: an upload's pack is rolled back and its index transaction never commits, so the agent can send the
/// same batch again. Whatever the endpoint had set on the unsent response (a Content-Length, headers) is
/// cleared first, so the error is a well-formed response of its own. A request the server itself refused while
/// the endpoint read it (<see cref="BadHttpRequestException"/>: a body over the limit or cut short) keeps the
/// 4xx status the server chose.
/// </summary>
public static class FailureResponses
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

    private static string TooLarge(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"request body is larger than this endpoint accepts ({limit} bytes)"
            : "request body is larger than this endpoint accepts";

    public static void UseFailureResponses(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FailureResponses));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // The server refused the request itself (a body over the limit, a body cut short): the client's
                // fault, answered with the status the server chose and why, like every other bad input.
                context.Response.Clear();
                await ApiErrors.Error(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(context) : $"bad request: {e.Message}")
                    .ExecuteAsync(context);
            }
            catch (Exception e) when (IsStorageFull(e) && !context.Response.HasStarted)
            {
                logger.LogError("storage full: {Method} {Path} refused: {Message}", context.Request.Method, context.Request.Path, e.Message);
                context.Response.Clear();
                await ApiErrors.Error(StatusCodes.Status507InsufficientStorage,
                    "the appliance's storage is full: nothing from this request was stored; free space or add storage, then retry")
                    .ExecuteAsync(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                logger.LogError(e, "request {RequestId} {Method} {Path} failed", context.TraceIdentifier, context.Request.Method, context.Request.Path);
                context.Response.Clear();
                await ApiErrors.Error(StatusCodes.Status500InternalServerError,
                    $"the appliance failed on this request ({e.GetType().Name}; request {context.TraceIdentifier} in its log); the request did not complete")
                    .ExecuteAsync(context);
            }
        });
    }
}
