using CoStor.Appliance.Authentication;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Web.Shell;
using CoStor.Core.Trees;
using CoStor.Web.Errors;
using CoStor.Web.Snapshots;
using RazorSlices;

namespace CoStor.Appliance.Web.Snapshots;

/// <summary>
/// The snapshot browser: one directory a page (<c>/snapshots/{id}?path=&amp;after=</c>, 500 entries a page, so a
/// 50,000-entry directory never lands in one page), a file's details with its versions across the PC's snapshots,
/// and a name search. Paths are <see cref="BrowsePath"/> text (raw bytes as %XX). Whatever a person may not see is
/// "not found". Downloads are in <see cref="DownloadEndpoints"/>. The pages are rendered for any
/// <see cref="BrowseScope"/>: a peer site's (Web/Sites) reuses them with its own browser and links.
/// </summary>
public static class SnapshotEndpoints
{
    public const int PageSize = 500;

    public static void MapSnapshots(this IEndpointRouteBuilder people)
    {
        people.MapGet("/snapshots/{id}", ListDirectory);
        people.MapGet("/snapshots/{id}/file", ShowFile);
        people.MapGet("/snapshots/{id}/search", Search);
        people.MapDownloads();
    }

    private static RazorSlice ListDirectory(string id, string? path, string? after, HttpContext context, PersonCaller person, PageFrames frames,
        SnapshotBrowser browser, AgentVisibility visibility) =>
        RenderDirectory(Local(browser, person, visibility, context), id, path, after, context, frames);

    private static RazorSlice ShowFile(string id, string? path, HttpContext context, PersonCaller person, PageFrames frames, SnapshotBrowser browser,
        AgentVisibility visibility) =>
        RenderFile(Local(browser, person, visibility, context), id, path, context, frames);

    private static RazorSlice Search(string id, string? path, string? q, HttpContext context, PersonCaller person, PageFrames frames, SnapshotBrowser browser,
        AgentVisibility visibility) =>
        RenderSearch(Local(browser, person, visibility, context), id, path, q, context, frames);

    internal static RazorSlice RenderDirectory(BrowseScope scope, string id, string? path, string? after, HttpContext context, PageFrames frames)
    {
        var (browser, viewer) = (scope.Browser, scope.Viewer);
        if (!BrowsePath.TryParse(path ?? "/", out var at) || browser.Find(viewer, id) is not { } record)
            return NotFound(context, frames, scope.Section);
        Browse.DirectoryPage? page;
        try
        {
            page = browser.ListDirectory(viewer, id, at, after, PageSize);
        }
        catch (ArgumentException)
        {
            page = null; // a cursor that is not one of ours
        }
        if (page is null)
            return NotFound(context, frames, scope.Section);
        var header = SnapshotViews.Header(record, scope.Site);
        return CoStor.Web.Snapshots.DirectoryPage.Create(new DirectoryView(frames.For(context, $"{record.AgentName}: {at.Display}", scope.Section), header,
            at.ToString(), SnapshotViews.Crumbs(header, at), [.. page.Entries.Select(entry => SnapshotViews.Row(entry))], page.Total, after, page.NextCursor));
    }

    internal static RazorSlice RenderFile(BrowseScope scope, string id, string? path, HttpContext context, PageFrames frames)
    {
        var (browser, viewer) = (scope.Browser, scope.Viewer);
        if (!BrowsePath.TryParse(path, out var at) || at.IsRoot || browser.Find(viewer, id) is not { } record || browser.Stat(viewer, id, at) is not { } entry)
            return NotFound(context, frames, scope.Section);
        var versions = entry.Type == NodeType.File ? browser.Versions(viewer, record.AgentId, at) : [];
        var current = versions.FirstOrDefault(version => version.SnapshotId == id || version.LastSnapshotId == id);
        var header = SnapshotViews.Header(record, scope.Site);
        return FilePage.Create(new FileView(frames.For(context, entry.DisplayName, scope.Section), header, SnapshotViews.Crumbs(header, at.Parent!),
            SnapshotViews.Row(entry), [.. versions.Select(version => new VersionRow(version.SnapshotId, version.SnapshotTime, version.Size,
                DateTimeOffset.UnixEpoch.AddTicks(version.MtimeNs / 100), version.SnapshotCount, version.LastSnapshotTime, version == current))]));
    }

    internal static RazorSlice RenderSearch(BrowseScope scope, string id, string? path, string? q, HttpContext context, PageFrames frames)
    {
        var (browser, viewer) = (scope.Browser, scope.Viewer);
        var text = q?.Trim() ?? "";
        if (!BrowsePath.TryParse(path ?? "/", out var at) || browser.Find(viewer, id) is not { } record)
            return NotFound(context, frames, scope.Section);
        if (text.Length is < 2 or > 255)
            return MessagePage.Create(new MessageView(frames.For(context, "Search", scope.Section), "Search", "Type two to 255 characters to search for."))
                .WithStatus(StatusCodes.Status400BadRequest);
        if (browser.Search(viewer, id, at, text) is not { } result)
            return NotFound(context, frames, scope.Section);
        return SearchPage.Create(new SearchView(frames.For(context, $"Search: {text}", scope.Section), SnapshotViews.Header(record, scope.Site), text,
            [.. result.Hits.Select(hit => SnapshotViews.Row(hit, hit.Path.Display))], result.Complete));
    }

    internal static BrowseScope Local(SnapshotBrowser browser, PersonCaller person, AgentVisibility visibility, HttpContext context) =>
        new(browser, ViewerOf(person, visibility, context), null, "agents");

    internal static Viewer ViewerOf(PersonCaller person, AgentVisibility visibility, HttpContext context) =>
        new(person.Name, visibility.VisibleTo(person), context.Connection.RemoteIpAddress?.ToString());

    internal static RazorSlice NotFound(HttpContext context, PageFrames frames, string section = "agents") =>
        MessagePage.Create(new MessageView(frames.For(context, "Not found", section), "Not found",
            "There is no such snapshot, folder or file, or it is not yours to see.")).WithStatus(StatusCodes.Status404NotFound);
}
