using CoStor.Appliance.Archive;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Web.Shell;
using CoStor.Core.Errors;

namespace CoStor.Appliance.Web.Snapshots;

/// <summary>
/// Downloads from a snapshot: one file (<c>/snapshots/{id}/download?path=</c>), or a whole snapshot or any folder as a
/// restore archive (<c>/snapshots/{id}/archive?path=&amp;format=zip|tar|tar.gz</c>), streamed as it is built (first
/// bytes at once, flat memory, no temporary file). Storage damaged mid-stream aborts the connection, so a cut-short
/// download is never mistaken for a whole one. Each download is audited by the service.
/// </summary>
public static class DownloadEndpoints
{
    public static void MapDownloads(this IEndpointRouteBuilder people)
    {
        people.MapGet("/snapshots/{id}/download", DownloadFile);
        people.MapGet("/snapshots/{id}/archive", DownloadArchiveAsync);
    }

    private static IResult DownloadFile(string id, string? path, HttpContext context, PersonCaller person, PageFrames frames, SnapshotBrowser browser,
        AgentVisibility visibility) =>
        SendFile(SnapshotEndpoints.Local(browser, person, visibility, context), id, path, context, frames);

    private static Task<IResult> DownloadArchiveAsync(string id, string? path, string? format, HttpContext context, PersonCaller person, PageFrames frames,
        RestoreArchive archives, SnapshotBrowser browser, AgentVisibility visibility) =>
        SendArchiveAsync(SnapshotEndpoints.Local(browser, person, visibility, context), archives, id, path, format, context, frames);

    internal static IResult SendFile(BrowseScope scope, string id, string? path, HttpContext context, PageFrames frames)
    {
        var (browser, viewer) = (scope.Browser, scope.Viewer);
        if (!BrowsePath.TryParse(path, out var at) || at.IsRoot || browser.Stat(viewer, id, at) is not { Type: CoStor.Core.Trees.NodeType.File } entry
            || browser.OpenFile(viewer, id, at) is not { } content)
            return SnapshotEndpoints.NotFound(context, frames, scope.Section);
        context.Response.ContentLength = entry.Size;
        return TypedResults.Stream(content, "application/octet-stream", fileDownloadName: entry.DisplayName);
    }

    /// <summary>The archive of <paramref name="scope"/>'s snapshot, by <paramref name="archives"/> (the same scope's).</summary>
    internal static async Task<IResult> SendArchiveAsync(BrowseScope scope, RestoreArchive archives, string id, string? path, string? format,
        HttpContext context, PageFrames frames)
    {
        if (!BrowsePath.TryParse(path ?? "/", out var at) || !ArchiveFormats.TryParse(format ?? "zip", out var kind)
            || archives.Prepare(scope.Viewer, id, at, kind) is not { } job)
            return SnapshotEndpoints.NotFound(context, frames, scope.Section);
        context.Response.ContentType = job.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{job.FileName}\"";
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            await job.WriteToAsync(context.Response.BodyWriter, context.RequestAborted);
        }
        catch (Exception e) when (e is CoStorException or IOException)
        {
            context.Abort();
        }
        return TypedResults.Empty;
    }
}
