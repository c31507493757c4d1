using System.Security.Cryptography;
using System.Text.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Storage;

/// <summary>
/// Commits snapshots. Invariant: a snapshot is committed only when every blob reachable from its root was
/// uploaded by the same agent and is durable. Trees are decrypted with the agent's metadata key and walked;
/// trees verified by an earlier commit are not walked again.
/// </summary>
public sealed class SnapshotCommitter(CatalogueDatabase database, PackStore packs, SiteContext site, AuditLog audit, TimeProvider time)
{
    private const int MaxReportedMissing = 20;
    private const int MaxPendingChunks = 16384;

    public async Task<CommitOutcome> CommitAsync(AgentRecord agent, SessionRecord session, CommitRequest request, BlobRef root, CancellationToken cancellationToken)
    {
        var metadataKey = site.Keys.Keyring.MetadataKey(agent.Id);
        var walk = Walk(agent.Id, metadataKey, root);
        if (walk.Problems.Count > 0)
            return CommitOutcome.Refused("snapshot references blobs this agent has not uploaded or that cannot be read", walk.Problems);

        var record = new SnapshotRecord(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), agent.Id, agent.Name, request.Host, request.Paths,
            session.StartedAt, time.GetUtcNow(), request.Root,
            request.Unreadable.Count == 0 ? SnapshotRecord.Complete : SnapshotRecord.Partial, request.Stats, request.Unreadable);
        var sealedRecord = BlobSealer.Seal(JsonSerializer.SerializeToUtf8Bytes(record, ProtocolJsonContext.Default.SnapshotRecord), metadataKey);

        var pack = await packs.RentAsync(cancellationToken);
        try
        {
            pack.Append(BlobType.Snapshot, sealedRecord.Ref.Id, sealedRecord.Blob);
            pack.FlushToDisk();
            using var connection = database.Connect();
            using var transaction = connection.BeginTransaction(deferred: false);
            if (SessionAlreadyCommitted(connection, transaction, session.Id))
                return CommitOutcome.Refused("this session already committed a snapshot", []);
            BlobIndex.Insert(connection, transaction, pack.Id, pack.Pending.ToList());
            BlobIndex.MarkVerified(connection, transaction, agent.Id, walk.NewTrees);
            PackTable.UpdateOpenSize(connection, transaction, pack.Id, pack.Length, pack.Entries.Count);
            SnapshotStore.Insert(connection, transaction, record, session.Id, sealedRecord.Ref.Id);
            audit.Record($"agent:{agent.Id}", "snapshot.commit", record.Id, $"status={record.Status} files={record.Stats.Files}", connection, transaction);
            transaction.Commit();
            pack.Commit();
            return CommitOutcome.Committed(record);
        }
        finally
        {
            packs.Return(pack);
        }
    }

    private static bool SessionAlreadyCommitted(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string sessionId)
    {
        using var command = connection.Command("SELECT snapshot_id FROM sessions WHERE id = $id", transaction).With("$id", sessionId);
        return command.ExecuteScalar() is string;
    }

    private TreeWalk Walk(string agentId, byte[] metadataKey, BlobRef root)
    {
        var problems = new List<string>();
        var newTrees = new List<BlobId>();
        var pending = new Stack<BlobRef>();
        // Data blob ids still to check, looked up many per statement (bounded, so memory stays flat).
        var chunks = new HashSet<BlobId>();
        pending.Push(root);
        using var connection = database.Connect();
        using var ownership = BlobIndex.PrepareOwnership(connection, agentId);
        using var find = BlobIndex.PrepareFind(connection);
        using var reader = new PackReadSession(packs);
        void CheckChunks()
        {
            foreach (var missing in BlobIndex.NotOwned(connection, agentId, chunks).Take(MaxReportedMissing - problems.Count))
                problems.Add($"data blob {missing} is missing");
            chunks.Clear();
        }
        while (pending.Count > 0 && problems.Count < MaxReportedMissing)
        {
            var tree = pending.Pop();
            var verified = BlobIndex.Ownership(ownership, tree.Id);
            if (verified is null)
            {
                problems.Add($"tree {tree.Id} is missing");
                continue;
            }
            if (verified.Value)
                continue;
            IReadOnlyList<TreeNode> nodes;
            try
            {
                var location = BlobIndex.Find(find, tree.Id)!.Value;
                var blob = new byte[location.Length];
                reader.Read(location, blob);
                nodes = TreeCodec.Decode(BlobSealer.Open(tree, blob, BlobLimits.MaxMetadataPlainLength));
            }
            catch (CoStorException e)
            {
                problems.Add($"tree {tree.Id} cannot be read: {e.Message}");
                continue;
            }
            foreach (var node in nodes)
            {
                if (node.Subtree is { } subtree)
                    pending.Push(subtree);
                foreach (var chunk in node.Content)
                    chunks.Add(chunk.Ref.Id);
            }
            if (chunks.Count >= MaxPendingChunks)
                CheckChunks();
            newTrees.Add(tree.Id);
        }
        if (problems.Count < MaxReportedMissing)
            CheckChunks();
        return new TreeWalk(problems, newTrees);
    }

    private sealed record TreeWalk(List<string> Problems, List<BlobId> NewTrees);
}
