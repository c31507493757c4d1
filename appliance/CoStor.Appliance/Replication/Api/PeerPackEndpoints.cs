using CoStor.Appliance.Api;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Replication.Placement;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// What the caller should pull from this site: <c>GET assigned</c> (this site's sealed packs whose rendezvous holders
/// include the caller, by name, paged) and <c>GET packs/{name}</c> (one of them, streamed from disk; <c>Range: bytes=N-</c>
/// resumes with 206). A pack not assigned to the caller is 404, as if it did not exist.
/// </summary>
public static class PeerPackEndpoints
{
    public static void MapPeerPacks(this RouteGroupBuilder peers)
    {
        peers.MapGet("/assigned", Assigned).WithSummary("This site's sealed packs assigned to the caller, by name, paged")
            .Produces<AssignedPage>(StatusCodes.Status200OK, ApiDocument.Json).ProducesErrors(StatusCodes.Status400BadRequest);
        peers.MapGet("/packs/{name}", Pack).WithSummary("One of this site's sealed packs assigned to the caller (Range: bytes=N- resumes)")
            .ProducesBinary("The pack file").ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static IResult Assigned(PeerCaller caller, PeerAssignments assignments, string? after, int? limit)
    {
        if (!string.IsNullOrEmpty(after) && !PeerNames.IsPack(after))
            return ApiErrors.BadRequest("after must be a pack name (64 lowercase hex digits)");
        if (limit is < 1 or > PeerAssignments.MaxPage)
            return ApiErrors.BadRequest($"limit must be 1-{PeerAssignments.MaxPage}");
        var (packs, next) = assignments.Page(caller.Site, string.IsNullOrEmpty(after) ? null : after, limit ?? PeerAssignments.MaxPage);
        return TypedResults.Json(new AssignedPage([.. packs.Select(p => new PeerPack(p.Name, p.Size))], next), ReplicationJsonContext.Default.AssignedPage);
    }

    private static IResult Pack(PeerCaller caller, PeerAssignments assignments, DataDirectory data, string name)
    {
        if (!PeerNames.IsPack(name))
            return ApiErrors.BadRequest("not a pack name (64 lowercase hex digits)");
        var path = LocalPackDirectory.PathIn(data.PacksPath, name);
        if (assignments.SealedSize(name) is null || !assignments.IsAssigned(name, caller.Site) || !File.Exists(path))
            return ApiErrors.NotFound($"no pack {name} assigned to {caller.Site}");
        return TypedResults.PhysicalFile(path, ApiDocument.Binary, enableRangeProcessing: true);
    }
}
