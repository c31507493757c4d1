using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace CoStor.Appliance.Api;

/// <summary>
/// Blob upload and download for agents. An upload is handed to <see cref="BlobIngest"/>, which replies only
/// after every blob is durable; a refused batch changes nothing.
/// </summary>
public static class BlobEndpoints
{
    public static void MapBlobs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/blobs", Upload).WithSummary("Upload a batch of blobs as a frame stream")
            .AcceptsBinary($"A frame stream (docs/protocol.md): at most {ProtocolLimits.MaxUploadFrames} frames, {ProtocolLimits.MaxUploadBody} bytes")
            .Produces<UploadResult>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests, StatusCodes.Status507InsufficientStorage);
        app.MapPost("/blobs/read", ReadMany).WithSummary("Read a batch of own blobs")
            .AcceptsBinary($"N × 32 bytes: blob ids, 1 ≤ N ≤ {ProtocolLimits.MaxReadIds}")
            .ProducesBinary("A frame stream of the blobs, in request order")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Upload(HttpContext context, AgentCaller agent, BlobIngest ingest, UploadSlots slots, CancellationToken cancellationToken)
    {
        using var slot = slots.TryEnter(agent.Id);
        if (slot is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiErrors.Error(StatusCodes.Status429TooManyRequests, $"this agent already has {slots.PerAgent} uploads running; send the next when one is answered");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ProtocolLimits.MaxUploadBody;
        try
        {
            var result = await ingest.IngestAsync(agent.Id, context.Request.Body, cancellationToken);
            return TypedResults.Json(result, ProtocolJsonContext.Default.UploadResult);
        }
        catch (IngestRefusedException e)
        {
            return ApiErrors.BadRequest(e.Message);
        }
        catch (InvalidFrameException e)
        {
            return ApiErrors.BadRequest($"upload refused, nothing stored: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            return ApiErrors.Error(e.StatusCode, $"upload refused, nothing stored: {e.Message}");
        }
    }

    private static async Task<IResult> ReadMany(HttpContext context, AgentCaller agent, CatalogueDatabase database, PackStore packs, CancellationToken cancellationToken)
    {
        var ids = await HashListBody.ReadAsync(context.Request, ProtocolLimits.MaxReadIds, cancellationToken);
        if (ids.Bytes is null)
            return ApiErrors.BadRequest($"body must be 1 to {ProtocolLimits.MaxReadIds} blob ids of 32 bytes each");
        var locations = new List<(BlobId Id, BlobLocation Location)>(ids.Count);
        // One read transaction for the whole batch: one lock instead of one per lookup.
        using (var connection = database.Connect())
        using (var transaction = connection.BeginTransaction(deferred: true))
        using (var ownedLocation = BlobIndex.PrepareOwnedLocation(connection, agent.Id))
        {
            ownedLocation.Transaction = transaction;
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids.IdAt(i);
                if (BlobIndex.OwnedLocation(ownedLocation, id) is not { Location: { } location })
                    return ApiErrors.NotFound($"blob {id} is not held for this agent");
                locations.Add((id, location));
            }
        }
        return new FrameStreamResult(locations, packs);
    }
}
