using System.Collections.Concurrent;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Ingest;

/// <summary>
/// Verified ingest of one agent's upload: a stream of frames (the pack frame layout), each checked against its
/// id as it arrives. Returns only after every blob is durable and indexed and the agent recorded as its owner,
/// so every acknowledged blob survives a crash; a refused upload (bad frame, <see cref="IngestRefusedException"/>)
/// changes nothing.
/// <para>
/// No cross-agent oracle (docs/protocol.md, "What an agent can learn"): a blob new to this agent is written and
/// fsynced whether the appliance already held it or not — into the pack if new, into a <see cref="ShadowFile"/>
/// if held — and reported as stored either way. Only blobs the agent itself already owned count as known.
/// </para>
/// </summary>
public sealed class BlobIngest(CatalogueDatabase database, IndexWriter indexWriter, PackStore packs, ShadowFiles shadows,
    KnownBlobFilter knownIds, ApplianceMetrics metrics)
{
    /// <summary>Frame readers keep their piece buffer and hash state between uploads (at most one per concurrent upload).</summary>
    private readonly ConcurrentBag<FrameReader> _readers = [];

    public async Task<UploadResult> IngestAsync(string agentId, Stream body, CancellationToken cancellationToken)
    {
        var pack = await packs.RentAsync(cancellationToken);
        var shadow = shadows.Rent();
        if (!_readers.TryTake(out var reader))
            reader = new FrameReader(body, BlobLimits.MaxBlobLength);
        reader.Reset(body);
        try
        {
            var batch = new Batch();
            using (var connection = database.Connect())
            // Each check is its own short read: a read transaction held while the body streams in would keep
            // SQLite from checkpointing, and with agents uploading all the time the WAL would only grow.
            using (var held = BlobIndex.PrepareExists(connection))
            using (var owned = BlobIndex.PrepareOwned(connection, agentId))
            {
                while (await reader.ReadHeaderAsync(cancellationToken))
                    await ReceiveAsync(reader, batch, pack, shadow, held, owned, cancellationToken);
            }
            var stored = pack.Pending.ToList();
            // Both always: the reply must come after the same kind of fsync whether the blobs were new or held.
            pack.FlushToDisk();
            shadow.FlushToDisk();
            // Before the commit, so no other upload can find these in the index while the filter still says no.
            foreach (var entry in stored)
                knownIds.Add(entry.Id);
            using (var writer = await indexWriter.AcquireAsync(cancellationToken))
            using (var transaction = writer.Connection.BeginTransaction())
            {
                BlobIndex.Insert(writer.Connection, transaction, pack.Id, stored);
                BlobIndex.Own(writer.Connection, transaction, agentId, batch.NewToAgent);
                PackTable.UpdateOpenSize(writer.Connection, transaction, pack.Id, pack.Length, pack.Entries.Count);
                transaction.Commit();
            }
            pack.Commit();
            metrics.BlobsReceived(batch.Received, stored.Count, batch.Bytes);
            metrics.IndexProbesSkipped(batch.ProbesSkipped);
            return new UploadResult(batch.Received, batch.NewToAgent.Count, batch.Known, batch.Bytes);
        }
        finally
        {
            packs.Return(pack);
            shadows.Return(shadow);
            _readers.Add(reader);
        }
    }

    /// <summary>Takes one frame whose header <paramref name="reader"/> just read.</summary>
    private async ValueTask ReceiveAsync(FrameReader reader, Batch batch, OpenPack pack, ShadowFile shadow,
        Microsoft.Data.Sqlite.SqliteCommand held, Microsoft.Data.Sqlite.SqliteCommand owned, CancellationToken cancellationToken)
    {
        if (reader.Type == BlobType.Snapshot)
            throw new IngestRefusedException($"blob {reader.Id}: agents may not upload snapshot blobs");
        if (reader.Type == BlobType.Data && reader.Length > Payload.MaxEncodedLength(BlobLimits.MaxDataPlainLength) + BlobCipher.Overhead)
            throw new IngestRefusedException($"blob {reader.Id}: data blob of {reader.Length} bytes exceeds the chunk limit");
        if (batch.Received == ProtocolLimits.MaxUploadFrames)
            throw new IngestRefusedException($"upload refused, nothing stored: an upload holds at most {ProtocolLimits.MaxUploadFrames} blobs");
        batch.Received++;
        batch.Bytes += reader.Length;
        // A blob the filter shows to be new to the appliance is new to this agent too (owning implies indexed):
        // a first backup's blobs cost no catalogue query at all.
        var mayBeHeld = knownIds.MayContain(reader.Id);
        if (!batch.Ids.Add(reader.Id) || (mayBeHeld && BlobIndex.Exists(owned, reader.Id)))
        {
            // Sent twice in this batch, or uploaded by this agent before: the agent knows it; verified, not kept.
            await reader.CopyBlobAsync(null, cancellationToken);
            batch.Known++;
            return;
        }
        batch.NewToAgent.Add(reader.Id);
        if (!mayBeHeld)
            batch.ProbesSkipped++;
        if (mayBeHeld && BlobIndex.Exists(held, reader.Id))
        {
            await reader.CopyBlobAsync(shadow.Write, cancellationToken);
            return;
        }
        pack.BeginFrame(reader.Type, reader.Id, reader.Length);
        await reader.CopyBlobAsync(pack.WriteBlob, cancellationToken);
        pack.EndFrame();
    }

    /// <summary>What one upload received so far.</summary>
    private sealed class Batch
    {
        public HashSet<BlobId> Ids { get; } = [];
        public List<BlobId> NewToAgent { get; } = [];
        public int Received { get; set; }
        public int Known { get; set; }
        public int ProbesSkipped { get; set; }
        public long Bytes { get; set; }
    }
}
