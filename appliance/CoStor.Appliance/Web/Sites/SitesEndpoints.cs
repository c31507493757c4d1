using CoStor.Appliance.Authentication;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Sites;
using RazorSlices;

namespace CoStor.Appliance.Web.Sites;

/// <summary>
/// <c>/sites</c> (operators and admins): the peer sites whose backups this box holds, locked or unlocked; admins unlock
/// one with its recovery key (<c>POST /sites/{site}/unlock</c>) and lock it again (<c>POST /sites/{site}/lock</c>).
/// <see cref="RemoteSites"/> does the work and audits it; browsing an unlocked site is in <see cref="SiteBrowseEndpoints"/>.
/// </summary>
public static class SitesEndpoints
{
    public static void MapSites(this IEndpointRouteBuilder operators, IEndpointRouteBuilder admins)
    {
        operators.MapGet("/sites", List);
        admins.MapPost("/sites/{site}/unlock", UnlockAsync);
        admins.MapPost("/sites/{site}/lock", Lock);
        operators.MapSiteBrowsing();
    }

    private static IResult List(HttpContext context, PersonCaller person, PageFrames frames, RemoteSites remote, string? unlocked, string? locked)
    {
        var known = remote.List();
        var notice = known.Any(site => site.Name == unlocked) ? $"{unlocked} is unlocked: browse its PCs below."
            : known.Any(site => site.Name == locked) ? $"{locked} is locked." : null;
        return Render(context, person, frames, remote, null, notice);
    }

    private static async Task<IResult> UnlockAsync(string site, HttpContext context, PersonCaller person, PageFrames frames, RemoteSites remote)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = form["recovery-key"].ToString();
        var refusal = key.Trim().Length == 0
            ? "Type the site's recovery key."
            : remote.Unlock(site, key, person.Name, context.Connection.RemoteIpAddress?.ToString());
        context.Response.Headers.CacheControl = "no-store";
        if (refusal is not null)
            return Render(context, person, frames, remote, Sentence(refusal), null).WithStatus(StatusCodes.Status400BadRequest);
        return TypedResults.Redirect("/sites?unlocked=" + Uri.EscapeDataString(site));
    }

    private static IResult Lock(string site, HttpContext context, PersonCaller person, PageFrames frames, RemoteSites remote)
    {
        if (!remote.Lock(site, person.Name, context.Connection.RemoteIpAddress?.ToString()))
            return Render(context, person, frames, remote, "That site is not unlocked.", null).WithStatus(StatusCodes.Status400BadRequest);
        return TypedResults.Redirect("/sites?locked=" + Uri.EscapeDataString(site));
    }

    private static RazorSlice Render(HttpContext context, PersonCaller person, PageFrames frames, RemoteSites remote, string? error, string? notice) =>
        SitesPage.Create(new SitesView(frames.For(context, "Sites", "sites"),
            [.. remote.List().Select(site => new SiteRow(site.Name, site.Unlocked, site.Snapshots, site.HasCheckpoint))], person.Role == "admin", error, notice));

    private static string Sentence(string reason) => char.ToUpperInvariant(reason[0]) + reason[1..].TrimEnd('.') + ".";
}
