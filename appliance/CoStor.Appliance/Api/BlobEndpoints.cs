using System.Buffers;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;
using CoStor.Core.Protocol;
using Microsoft.AspNetCore.Http.Features;

namespace CoStor.Appliance.Api;

/// <summary>
/// Blob upload and download for agents. Upload bodies are streams of frames (the pack frame layout);
/// each frame is checked against its id as it arrives. The reply is sent only after the pack is fsynced
/// and the index committed, so every acknowledged blob survives a crash. A refused batch changes nothing.
/// </summary>
public static class BlobEndpoints
{
    /// <summary>Frame readers keep their piece buffer and hash state between uploads (at most one per concurrent upload).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<FrameReader> Readers = [];

    public static void MapBlobs(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/blobs", Upload).WithSummary("Upload a batch of blobs as a frame stream");
        app.MapPost("/api/v1/blobs/read", ReadMany).WithSummary("Read a batch of own blobs (body: N × 32-byte ids; reply: frame stream)");
    }

    private static async Task<IResult> Upload(HttpContext context, EnrolmentStore enrolment, CatalogueDatabase database, IndexWriter indexWriter,
        PackStore packs, KnownBlobFilter knownIds, ApplianceMetrics metrics, CancellationToken cancellationToken)
    {
        if (AgentAuthentication.Authenticate(context, enrolment) is not { } agent)
            return ApiErrors.Unauthorized();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ProtocolLimits.MaxUploadBody;
        var pack = await packs.RentAsync(cancellationToken);
        FrameReader? reader = null;
        try
        {
            var received = 0;
            var known = 0;
            var probesSkipped = 0;
            long bytes = 0;
            var owned = new List<BlobId>();
            var batch = new HashSet<BlobId>();
            using var connection = database.Connect();
            // Each check is its own short read: a read transaction held while the body streams in would keep
            // SQLite from checkpointing, and with agents uploading all the time the WAL would only grow.
            using var exists = BlobIndex.PrepareExists(connection);
            if (!Readers.TryTake(out reader))
                reader = new FrameReader(context.Request.Body, BlobLimits.MaxBlobLength);
            reader.Reset(context.Request.Body);
            // Blobs are streamed into the pack as they arrive (memory per upload: one 256 KiB piece), each checked
            // against its id at its end; a mismatch refuses the batch and the rollback cuts it off the pack.
            while (await reader.ReadHeaderAsync(cancellationToken))
            {
                if (reader.Type == BlobType.Snapshot)
                    return ApiErrors.BadRequest($"blob {reader.Id}: agents may not upload snapshot blobs");
                if (reader.Type == BlobType.Data && reader.Length > Payload.MaxEncodedLength(BlobLimits.MaxDataPlainLength) + BlobCipher.Overhead)
                    return ApiErrors.BadRequest($"blob {reader.Id}: data blob of {reader.Length} bytes exceeds the chunk limit");
                received++;
                bytes += reader.Length;
                owned.Add(reader.Id);
                var mayBeHeld = knownIds.MayContain(reader.Id);
                if (!mayBeHeld)
                    probesSkipped++;
                if (!batch.Add(reader.Id) || (mayBeHeld && BlobIndex.Exists(exists, reader.Id)))
                {
                    // Already held: verified (the agent proves it has the bytes) but not stored again.
                    await reader.CopyBlobAsync(null, cancellationToken);
                    known++;
                    continue;
                }
                pack.BeginFrame(reader.Type, reader.Id, reader.Length);
                await reader.CopyBlobAsync(pack.WriteBlob, cancellationToken);
                pack.EndFrame();
            }
            var stored = pack.Pending.ToList();
            pack.FlushToDisk();
            // Before the commit, so no other upload can find these in the index while the filter still says no.
            foreach (var entry in stored)
                knownIds.Add(entry.Id);
            using (var writer = await indexWriter.AcquireAsync(cancellationToken))
            using (var transaction = writer.Connection.BeginTransaction())
            {
                BlobIndex.Insert(writer.Connection, transaction, pack.Id, stored);
                BlobIndex.Own(writer.Connection, transaction, agent.Id, owned);
                PackTable.UpdateOpenSize(writer.Connection, transaction, pack.Id, pack.Length, pack.Entries.Count);
                transaction.Commit();
            }
            pack.Commit();
            metrics.BlobsReceived(received, stored.Count, bytes);
            metrics.IndexProbesSkipped(probesSkipped);
            return TypedResults.Json(new UploadResult(received, stored.Count, known, bytes), ProtocolJsonContext.Default.UploadResult);
        }
        catch (InvalidFrameException e)
        {
            return ApiErrors.BadRequest($"upload refused, nothing stored: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            return ApiErrors.Error(e.StatusCode, $"upload refused, nothing stored: {e.Message}");
        }
        finally
        {
            packs.Return(pack);
            if (reader is not null)
                Readers.Add(reader);
        }
    }

    private static async Task<IResult> ReadMany(HttpContext context, EnrolmentStore enrolment, CatalogueDatabase database, PackStore packs, CancellationToken cancellationToken)
    {
        if (AgentAuthentication.Authenticate(context, enrolment) is not { } agent)
            return ApiErrors.Unauthorized();
        var ids = await ReadIdsAsync(context.Request, cancellationToken);
        if (ids is null)
            return ApiErrors.BadRequest($"body must be 1 to {ProtocolLimits.MaxReadIds} blob ids of 32 bytes each");
        var locations = new List<(BlobId Id, BlobLocation Location)>(ids.Count);
        // One read transaction for the whole batch: one lock instead of one per lookup.
        using (var connection = database.Connect())
        using (var transaction = connection.BeginTransaction(deferred: true))
        using (var ownedLocation = BlobIndex.PrepareOwnedLocation(connection, agent.Id))
        {
            ownedLocation.Transaction = transaction;
            foreach (var id in ids)
            {
                if (BlobIndex.OwnedLocation(ownedLocation, id) is not { Location: { } location })
                    return ApiErrors.NotFound($"blob {id} is not held for this agent");
                locations.Add((id, location));
            }
        }
        return new FrameStreamResult(locations, packs);
    }

    private static async Task<List<BlobId>?> ReadIdsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int max = ProtocolLimits.MaxReadIds * BlobId.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(max + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= max && (read = await request.Body.ReadAsync(buffer.AsMemory(length, max + 1 - length), cancellationToken)) > 0)
                length += read;
            if (length == 0 || length > max || length % BlobId.Length != 0)
                return null;
            var ids = new List<BlobId>(length / BlobId.Length);
            for (var offset = 0; offset < length; offset += BlobId.Length)
                ids.Add(BlobId.Read(buffer.AsSpan(offset, BlobId.Length)));
            return ids;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
