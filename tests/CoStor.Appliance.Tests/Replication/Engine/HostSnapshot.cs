using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Commit;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;
using Microsoft.AspNetCore.Builder;

namespace CoStor.Appliance.Tests.Replication.Engine;

/// <summary>Commits a one-file snapshot on a running host, as <see cref="SnapshotMaker"/> does on a <see cref="TestSite"/>; returns its id.</summary>
public static class HostSnapshot
{
    public static async Task<string> CommitAsync(WebApplication app, byte[] content)
    {
        var site = EngineSites.Get<SiteContext>(app);
        var agent = EngineSites.Agent(app);
        var chunk = BlobSealer.Seal(content, site.Keys.Keyring.ConvergenceKey);
        var file = new TreeNode { Name = "file.bin"u8.ToArray(), Type = NodeType.File, Mode = 0x1a4, MtimeNs = 1_700_000_000_000_000_000, Size = content.Length,
            Content = [new ChunkRef(chunk.Ref, content.Length)], Uid = 1000, Gid = 1000 };
        var tree = BlobSealer.Seal(TreeCodec.Encode([file]), site.Keys.Keyring.MetadataKey(agent));
        var ingest = EngineSites.Get<BlobIngest>(app);
        await ingest.IngestAsync(agent, new MemoryStream(TestSite.Frame(BlobType.Data, chunk.Blob)), CancellationToken.None);
        await ingest.IngestAsync(agent, new MemoryStream(TestSite.Frame(BlobType.Tree, tree.Blob)), CancellationToken.None);
        var request = new CommitRequest(EngineSites.Get<SessionStore>(app).Start(agent).Id, "host", ["/data"],
            new BlobRefDto(tree.Ref.Id.ToString(), tree.Ref.Key.ToString()), new SnapshotStats(1, 0, 0, 0, 0), []);
        var outcome = await EngineSites.Get<SnapshotCommitter>(app).CommitAsync(EngineSites.Get<AgentStore>(app).Find(agent)!, request, CancellationToken.None);
        return outcome.Snapshot?.Id ?? throw new InvalidOperationException($"commit failed: {outcome.Status} {outcome.Error}");
    }
}
