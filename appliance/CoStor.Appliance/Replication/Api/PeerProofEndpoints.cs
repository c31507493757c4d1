using CoStor.Appliance.Api;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Replication.Proofs;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// <c>POST proofs</c>: the holder's answers to an owner's challenge over the <b>caller's own</b> packs held here (never
/// another site's: the pack names are looked up only among the caller's). Bounded per request: at most
/// <see cref="ProofRequest.MaxItems"/> items of at most <see cref="ProofChallenge.MaxLength"/> bytes each.
/// </summary>
public static class PeerProofEndpoints
{
    public static void MapPeerProofs(this RouteGroupBuilder peers) =>
        peers.MapPost("/proofs", Prove).WithSummary("Answer a proof-of-holding challenge over the caller's packs held here")
            .Accepts<ProofRequest>(ApiDocument.Json).Produces<ProofReply>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest);

    private static async Task<IResult> Prove(HttpContext context, PeerCaller caller, DataDirectory data, CancellationToken cancellationToken)
    {
        var (request, error) = await ApiJson.ReadAsync(context.Request, ReplicationJsonContext.Default.ProofRequest, cancellationToken);
        if (request is null)
            return ApiErrors.BadRequest(error!);
        if (request.Nonce is not { Length: ProofChallenge.NonceLength })
            return ApiErrors.BadRequest($"nonce must be {ProofChallenge.NonceLength} bytes (base64)");
        if (request.Items is null || request.Items.Count > ProofRequest.MaxItems)
            return ApiErrors.BadRequest($"items must be a list of at most {ProofRequest.MaxItems}");
        foreach (var item in request.Items)
        {
            if (item is null || !PeerNames.IsPack(item.Pack))
                return ApiErrors.BadRequest("every item needs a pack name (64 lowercase hex digits)");
            if (item.Offset < 0 || item.Length is < 1 or > ProofChallenge.MaxLength)
                return ApiErrors.BadRequest($"range {item.Offset}+{item.Length} of {item.Pack}: offset ≥ 0, length 1-{ProofChallenge.MaxLength}");
        }
        var challenge = new ProofChallenge(request.Nonce, request.Items);
        var store = PeerFiles.HeldPacksFolder(data, caller.Site) is null ? null : new PeerPackStore(data.PeerPath(caller.Site));
        var answers = ProofAnswer.ForChallenge(challenge, pack => store?.OpenRead(pack));
        return TypedResults.Json(ProofReply.From(answers), ReplicationJsonContext.Default.ProofReply);
    }
}
