using CoStor.Appliance.Authentication;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Web.Shell;
using CoStor.Appliance.Web.Snapshots;
using CoStor.Web.Agents;
using CoStor.Web.Errors;
using CoStor.Web.Sites;
using RazorSlices;

namespace CoStor.Appliance.Web.Sites;

/// <summary>
/// An unlocked peer site, browsed as this site's own snapshots are (operators and admins: they see every PC):
/// <c>/sites/{site}/agents</c> (its PCs and snapshots, from its checkpoint), then the snapshot browser's own pages and
/// downloads under <c>/sites/{site}/snapshots/{id}</c>, rendered by <see cref="SnapshotEndpoints"/> and
/// <see cref="DownloadEndpoints"/> with the site's readers. A site that is not unlocked is "not found".
/// </summary>
public static class SiteBrowseEndpoints
{
    public static void MapSiteBrowsing(this IEndpointRouteBuilder operators)
    {
        operators.MapGet("/sites/{site}/agents", Agents);
        operators.MapGet("/sites/{site}/snapshots/{id}", IResult (string site, string id, string? path, string? after, HttpContext context, PersonCaller person,
            PageFrames frames, RemoteSites remote) => Scope(site, person, context, remote) is { } scope
                ? SnapshotEndpoints.RenderDirectory(scope.Scope, id, path, after, context, frames) : Locked(context, frames));
        operators.MapGet("/sites/{site}/snapshots/{id}/file", IResult (string site, string id, string? path, HttpContext context, PersonCaller person,
            PageFrames frames, RemoteSites remote) => Scope(site, person, context, remote) is { } scope
                ? SnapshotEndpoints.RenderFile(scope.Scope, id, path, context, frames) : Locked(context, frames));
        operators.MapGet("/sites/{site}/snapshots/{id}/search", IResult (string site, string id, string? path, string? q, HttpContext context, PersonCaller person,
            PageFrames frames, RemoteSites remote) => Scope(site, person, context, remote) is { } scope
                ? SnapshotEndpoints.RenderSearch(scope.Scope, id, path, q, context, frames) : Locked(context, frames));
        operators.MapGet("/sites/{site}/snapshots/{id}/download", IResult (string site, string id, string? path, HttpContext context, PersonCaller person,
            PageFrames frames, RemoteSites remote) => Scope(site, person, context, remote) is { } scope
                ? DownloadEndpoints.SendFile(scope.Scope, id, path, context, frames) : Locked(context, frames));
        operators.MapGet("/sites/{site}/snapshots/{id}/archive", Task<IResult> (string site, string id, string? path, string? format, HttpContext context,
            PersonCaller person, PageFrames frames, RemoteSites remote) => Scope(site, person, context, remote) is { } scope
                ? DownloadEndpoints.SendArchiveAsync(scope.Scope, scope.View.Archive, id, path, format, context, frames)
                : Task.FromResult<IResult>(Locked(context, frames)));
    }

    private static IResult Agents(string site, HttpContext context, PageFrames frames, RemoteSites remote)
    {
        if (remote.Readers(site) is not { } view)
            return Locked(context, frames);
        var snapshots = view.Snapshots.List(null).GroupBy(snapshot => snapshot.AgentId).ToDictionary(group => group.Key, group => group.ToList());
        var rows = view.Agents.List().OrderBy(agent => agent.Name, StringComparer.CurrentCultureIgnoreCase).Select(agent => new RemoteAgentRow(agent.Id, agent.Name,
            agent.Host, agent.Group, agent.RevokedAt, Timeline(snapshots.GetValueOrDefault(agent.Id) ?? [])));
        return RemoteAgentsPage.Create(new RemoteAgentsView(frames.For(context, $"PCs of {site}", "sites"), site, [.. rows]));
    }

    /// <summary>Newest first, as a PC's own page lists them.</summary>
    private static List<SnapshotRow> Timeline(List<CoStor.Core.Protocol.SnapshotRecord> snapshots) =>
        [.. snapshots.OrderByDescending(snapshot => snapshot.FinishedAt).Select(snapshot => new SnapshotRow(snapshot.Id, snapshot.FinishedAt, snapshot.Status,
            snapshot.Stats.Files, snapshot.Stats.Bytes, null, snapshot.Unreadable.Count, snapshot.Paths))];

    private static (BrowseScope Scope, RemoteSiteView View)? Scope(string site, PersonCaller person, HttpContext context, RemoteSites remote) =>
        remote.Readers(site) is { } view
            ? (new BrowseScope(view.Browser, new Viewer(person.Name, null, context.Connection.RemoteIpAddress?.ToString()), site, "sites"), view)
            : null;

    private static RazorSlice Locked(HttpContext context, PageFrames frames) =>
        MessagePage.Create(new MessageView(frames.For(context, "Not found", "sites"), "Not found",
            "There is no such site here, or it is locked: an admin unlocks it on the Sites page.")).WithStatus(StatusCodes.Status404NotFound);
}
