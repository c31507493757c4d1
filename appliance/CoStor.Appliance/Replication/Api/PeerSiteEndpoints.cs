using CoStor.Appliance.Api;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Retention;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// This site's public replication material: <c>GET keyring</c> (recovery-wrapped keyring and CA), <c>GET checkpoint</c>
/// (<c>checkpoint/latest</c>; 404 before the first is written) and <c>GET retired</c> (signed retention decisions).
/// </summary>
public static class PeerSiteEndpoints
{
    public static void MapPeerSite(this RouteGroupBuilder peers)
    {
        peers.MapGet("/keyring", Keyring).WithSummary("This site's recovery-wrapped keyring (base64) and CA certificate (PEM)")
            .Produces<PeerKeyring>(StatusCodes.Status200OK, ApiDocument.Json);
        peers.MapGet("/checkpoint", Checkpoint).WithSummary("This site's latest signed, encrypted catalogue checkpoint")
            .ProducesBinary("The checkpoint (docs/replication.md)").ProducesErrors(StatusCodes.Status404NotFound);
        peers.MapGet("/retired", Retired).WithSummary("This site's signed retention decisions")
            .Produces<RetiredList>(StatusCodes.Status200OK, ApiDocument.Json);
    }

    private static IResult Keyring(SiteContext site) => TypedResults.Json(PeerFiles.Own(site), ReplicationJsonContext.Default.PeerKeyring);

    private static IResult Checkpoint(SiteContext site) =>
        File.Exists(site.Data.CheckpointPath)
            ? TypedResults.PhysicalFile(site.Data.CheckpointPath, ApiDocument.Binary)
            : ApiErrors.NotFound("no checkpoint written yet");

    /// <summary>Every decision in <c>retired_packs</c>, signed by the site CA (an empty list is signed too, and retires nothing).</summary>
    private static IResult Retired(SiteContext site, RetiredPackTable retired) =>
        TypedResults.Json(RetiredList.From(RetentionDecisions.Sign(site.Keys.SiteName, retired.All(), bytes => site.Authority.Sign(bytes))),
            ReplicationJsonContext.Default.RetiredList);
}
