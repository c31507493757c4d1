using CoStor.Appliance.Api;
using CoStor.Appliance.Hosting;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// <c>GET /api/v1/peer-recovery/{site}</c>, anonymous: <c>{ site, keyring, ca }</c> for this site or a site held here,
/// what a new box with nothing but the recovery key needs to begin a rebuild. The keyring is wrapped with a 256-bit
/// recovery key, so serving it openly gives nothing away; the route is rate-limited per address like enrolment.
/// </summary>
public static class PeerRecoveryEndpoints
{
    /// <summary>The rate-limiter policy: a token bucket per remote address.</summary>
    public const string Attempts = "peer-recovery-attempts";

    public static void MapPeerRecovery(this IEndpointRouteBuilder app) =>
        app.MapGet(AgentApi.Prefix + "/peer-recovery/{site}", Recovery).AllowAnonymous().RequireRateLimiting(Attempts)
            .WithSummary("A site's recovery-wrapped keyring and CA certificate, for a rebuild")
            .Produces<PeerKeyring>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);

    private static IResult Recovery(SiteContext own, string site)
    {
        if (!PeerNames.IsSite(site))
            return ApiErrors.BadRequest("not a site name");
        var material = string.Equals(site, own.Keys.SiteName, StringComparison.Ordinal) ? PeerFiles.Own(own) : PeerFiles.Held(own.Data, site);
        return material is null
            ? ApiErrors.NotFound($"site {site} is not held here")
            : TypedResults.Json(material, ReplicationJsonContext.Default.PeerKeyring);
    }
}
