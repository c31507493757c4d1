using System.Security.Cryptography;
using System.Text.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Commit;

/// <summary>
/// Commits an agent's snapshot. Invariant: a snapshot is committed only when every blob reachable from its root
/// was uploaded by the same agent and is durable (<see cref="TreeWalker"/>). The same session and root again —
/// an agent retrying after a reply it never received — gets the snapshot it made.
/// </summary>
public sealed class SnapshotCommitter(CatalogueDatabase database, PackStore packs, KnownBlobFilter known, SiteContext site, AuditLog audit,
    SessionStore sessions, SnapshotStore snapshots, TimeProvider time)
{
    public async Task<CommitOutcome> CommitAsync(AgentRecord agent, CommitRequest request, CancellationToken cancellationToken)
    {
        if (CommitRequestValidator.Problem(request) is { } invalid)
            return CommitOutcome.Fail(CommitStatus.Invalid, invalid);
        var session = sessions.Find(request.SessionId);
        if (session is null || session.AgentId != agent.Id)
            return CommitOutcome.Fail(CommitStatus.UnknownSession, $"session {request.SessionId} does not exist for this agent");
        if (session.SnapshotId is not null)
        {
            if (snapshots.Find(session.SnapshotId) is { } committed && SameRoot(committed.Root, request.Root))
                return new CommitOutcome(CommitStatus.Repeated, committed, null, []);
            return CommitOutcome.Fail(CommitStatus.Conflict, $"session {session.Id} already committed snapshot {session.SnapshotId} with another root");
        }
        var root = new BlobRef(BlobId.Parse(request.Root.Id), BlobKey.Parse(request.Root.Key));
        var metadataKey = site.Keys.Keyring.MetadataKey(agent.Id);
        var walk = new TreeWalker(database, packs).Walk(agent.Id, root);
        if (walk.Problems.Count > 0)
            return CommitOutcome.Fail(CommitStatus.Refused, "snapshot references blobs this agent has not uploaded or that cannot be read", walk.Problems);

        var record = new SnapshotRecord(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), agent.Id, agent.Name, request.Host, request.Paths,
            session.StartedAt, time.GetUtcNow(), request.Root,
            request.Unreadable.Count == 0 && request.Stats.UnreadableCount == 0 ? SnapshotRecord.Complete : SnapshotRecord.Partial, request.Stats, request.Unreadable);
        var sealedRecord = BlobSealer.Seal(JsonSerializer.SerializeToUtf8Bytes(record, ProtocolJsonContext.Default.SnapshotRecord), metadataKey);

        var pack = await packs.RentAsync(cancellationToken, forCommit: true);
        try
        {
            pack.Append(BlobType.Snapshot, sealedRecord.Ref.Id, sealedRecord.Blob);
            pack.FlushToDisk();
            known.Add(sealedRecord.Ref.Id);
            using var connection = database.Connect();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (SessionStore.IsCommitted(connection, transaction, session.Id))
                return CommitOutcome.Fail(CommitStatus.Conflict, "this session already committed a snapshot");
            BlobIndex.Insert(connection, transaction, pack.Id, pack.Pending.ToList());
            BlobIndex.MarkVerified(connection, transaction, agent.Id, walk.NewTrees);
            PackTable.UpdateOpenSize(connection, transaction, pack.Id, pack.Length, pack.Entries.Count);
            snapshots.Insert(connection, transaction, record, session.Id, sealedRecord.Ref.Id);
            audit.Record($"agent:{agent.Id}", "snapshot.commit", record.Id, $"status={record.Status} files={record.Stats.Files}", connection, transaction);
            transaction.Commit();
            pack.Commit();
            return new CommitOutcome(CommitStatus.Committed, record, null, []);
        }
        finally
        {
            packs.Return(pack);
        }
    }

    private static bool SameRoot(BlobRefDto committed, BlobRefDto requested) =>
        string.Equals(committed.Id, requested.Id, StringComparison.OrdinalIgnoreCase) && string.Equals(committed.Key, requested.Key, StringComparison.OrdinalIgnoreCase);
}
