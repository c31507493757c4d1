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
/// "not found". Downloads are in <see cref="DownloadEndpoints"/>.
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
        SnapshotBrowser browser, AgentVisibility visibility)
    {
        var viewer = ViewerOf(person, visibility, context);
        if (!BrowsePath.TryParse(path ?? "/", out var at) || browser.Find(viewer, id) is not { } record)
            return NotFound(context, frames);
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
            return NotFound(context, frames);
        return CoStor.Web.Snapshots.DirectoryPage.Create(new DirectoryView(frames.For(context, $"{record.AgentName}: {at.Display}", "agents"), SnapshotViews.Header(record),
            at.ToString(), SnapshotViews.Crumbs(id, at), [.. page.Entries.Select(entry => SnapshotViews.Row(entry))], page.Total, after, page.NextCursor));
    }

    private static RazorSlice ShowFile(string id, string? path, HttpContext context, PersonCaller person, PageFrames frames, SnapshotBrowser browser,
        AgentVisibility visibility)
    {
        var viewer = ViewerOf(person, visibility, context);
        if (!BrowsePath.TryParse(path, out var at) || at.IsRoot || browser.Find(viewer, id) is not { } record || browser.Stat(viewer, id, at) is not { } entry)
            return NotFound(context, frames);
        var versions = entry.Type == NodeType.File ? browser.Versions(viewer, record.AgentId, at) : [];
        var current = versions.FirstOrDefault(version => version.SnapshotId == id || version.LastSnapshotId == id);
        return FilePage.Create(new FileView(frames.For(context, entry.DisplayName, "agents"), SnapshotViews.Header(record), SnapshotViews.Crumbs(id, at.Parent!),
            SnapshotViews.Row(entry), [.. versions.Select(version => new VersionRow(version.SnapshotId, version.SnapshotTime, version.Size,
                DateTimeOffset.UnixEpoch.AddTicks(version.MtimeNs / 100), version.SnapshotCount, version.LastSnapshotTime, version == current))]));
    }

    private static RazorSlice Search(string id, string? path, string? q, HttpContext context, PersonCaller person, PageFrames frames, SnapshotBrowser browser,
        AgentVisibility visibility)
    {
        var viewer = ViewerOf(person, visibility, context);
        var text = q?.Trim() ?? "";
        if (!BrowsePath.TryParse(path ?? "/", out var at) || browser.Find(viewer, id) is not { } record)
            return NotFound(context, frames);
        if (text.Length is < 2 or > 255)
            return MessagePage.Create(new MessageView(frames.For(context, "Search", "agents"), "Search", "Type two to 255 characters to search for."))
                .WithStatus(StatusCodes.Status400BadRequest);
        if (browser.Search(viewer, id, at, text) is not { } result)
            return NotFound(context, frames);
        return SearchPage.Create(new SearchView(frames.For(context, $"Search: {text}", "agents"), SnapshotViews.Header(record), text,
            [.. result.Hits.Select(hit => SnapshotViews.Row(hit, hit.Path.Display))], result.Complete));
    }

    internal static Viewer ViewerOf(PersonCaller person, AgentVisibility visibility, HttpContext context) =>
        new(person.Name, visibility.VisibleTo(person), context.Connection.RemoteIpAddress?.ToString());

    internal static RazorSlice NotFound(HttpContext context, PageFrames frames) =>
        MessagePage.Create(new MessageView(frames.For(context, "Not found", "agents"), "Not found",
            "There is no such snapshot, folder or file, or it is not yours to see.")).WithStatus(StatusCodes.Status404NotFound);
}
