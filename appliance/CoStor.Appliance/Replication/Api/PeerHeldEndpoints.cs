using CoStor.Appliance.Api;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// What this box holds of a site, for any configured peer (it is ciphertext; a remote restore or a self-heal fetches
/// from here): <c>GET held/{site}</c> (names and sizes), <c>GET held/{site}/{name}</c> (a pack, Range too) and
/// <c>GET held/{site}/checkpoint</c> (that site's checkpoint as held here). <c>site</c> may be this site itself: its own
/// sealed packs are served by name (not listed), so a box healing or restoring this site can fetch from its owner.
/// </summary>
public static class PeerHeldEndpoints
{
    public static void MapPeerHeld(this RouteGroupBuilder peers)
    {
        peers.MapGet("/held/{site}", List).WithSummary("Names and sizes of a site's packs held here")
            .Produces<HeldPacks>(StatusCodes.Status200OK, ApiDocument.Json).ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        peers.MapGet("/held/{site}/checkpoint", Checkpoint).WithSummary("A site's latest checkpoint as held here")
            .ProducesBinary("The signed, encrypted checkpoint").ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        peers.MapGet("/held/{site}/{name}", Pack).WithSummary("A pack of a site held here (Range: bytes=N- resumes)")
            .ProducesBinary("The pack file").ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static IResult List(DataDirectory data, string site)
    {
        if (!PeerNames.IsSite(site))
            return ApiErrors.BadRequest("not a site name");
        if (PeerFiles.HeldPacksFolder(data, site) is null)
            return ApiErrors.NotFound($"nothing of site {site} is held here");
        var held = new PeerPackStore(data.PeerPath(site)).Held().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new PeerPack(p.Name, p.Size));
        return TypedResults.Json(new HeldPacks(site, [.. held]), ReplicationJsonContext.Default.HeldPacks);
    }

    private static IResult Checkpoint(DataDirectory data, string site)
    {
        if (!PeerNames.IsSite(site))
            return ApiErrors.BadRequest("not a site name");
        var path = Path.Combine(data.PeerPath(site), PeerFiles.Checkpoint);
        return File.Exists(path) ? TypedResults.PhysicalFile(path, ApiDocument.Binary) : ApiErrors.NotFound($"no checkpoint of site {site} is held here");
    }

    private static IResult Pack(DataDirectory data, SiteContext own, string site, string name)
    {
        if (!PeerNames.IsSite(site))
            return ApiErrors.BadRequest("not a site name");
        if (!PeerNames.IsPack(name))
            return ApiErrors.BadRequest("not a pack name (64 lowercase hex digits)");
        var path = string.Equals(site, own.Keys.SiteName, StringComparison.Ordinal)
            ? LocalPackDirectory.PathIn(data.PacksPath, name)
            : PeerFiles.HeldPacksFolder(data, site) is { } folder ? LocalPackDirectory.PathIn(folder, name) : null;
        return path is not null && File.Exists(path)
            ? TypedResults.PhysicalFile(path, ApiDocument.Binary, enableRangeProcessing: true)
            : ApiErrors.NotFound($"pack {name} of site {site} is not held here");
    }
}
