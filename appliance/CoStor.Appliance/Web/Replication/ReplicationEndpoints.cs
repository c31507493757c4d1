using CoStor.Appliance.Catalogue.ReplicationStatus;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Replication;

namespace CoStor.Appliance.Web.Replication;

/// <summary>
/// <c>GET /replication</c> (operators and admins): each configured peer both ways and this site's packs by proven
/// copies, or how to add a peer when none is configured. htmx refreshes <c>#replication</c> each minute.
/// </summary>
public static class ReplicationEndpoints
{
    public static void MapReplicationStatus(this IEndpointRouteBuilder operators) => operators.MapGet("/replication", Show);

    private static IResult Show(HttpContext context, PageFrames frames, ReplicationStatusQueries queries, SiteContext site)
    {
        var body = Body(queries, site, context.RequestServices);
        context.Response.VaryOnHtmx();
        if (context.Request.IsHtmx())
            return _ReplicationBody.Create(body);
        return ReplicationPage.Create(new ReplicationView(frames.For(context, "Replication", "replication"), body));
    }

    /// <summary>
    /// What the site's configuration asks of replication: <c>replication.copies</c>, and the peers gone longer than
    /// <c>peer_gone_days</c> left out of placement exactly as the pull and proof services leave them out.
    /// </summary>
    public static ReplicationStatusRequest Request(SiteContext site, IServiceProvider services) =>
        new([.. site.Config.Peers.Select(p => p.Name)], site.Config.Replication.Copies,
            services.GetService<CoStor.Appliance.Replication.Placement.PeerAssignments>()?.Gone());

    private static ReplicationBody Body(ReplicationStatusQueries queries, SiteContext site, IServiceProvider services)
    {
        var overview = queries.Overview(Request(site, services));
        var urls = site.Config.Peers.ToDictionary(p => p.Name, p => p.Url.ToString(), StringComparer.Ordinal);
        return new ReplicationBody(
            [.. overview.Peers.Select(p => new PeerPanel(p.Name, urls.GetValueOrDefault(p.Name, ""), p.ConfiguredSince,
                p.Holding.HeldPacks, p.Holding.HeldBytes, p.Holding.PacksBehind, p.Holding.BytesBehind, p.Holding.CatchUp,
                p.Holding.LastSuccessAt, p.Holding.LastErrorAt, p.Holding.LastError, p.Holding.Failing,
                p.Owning.Assigned, p.Owning.Proven, p.Owning.Failing, p.Owning.LatestFailure, p.Owning.LatestFailureAt))],
            new CopiesBar(overview.Site.ByCopies, overview.Site.SealedPacks, overview.Site.ShortForOverADay),
            overview.Copies, overview.Now);
    }
}
