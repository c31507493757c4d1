using System.Net;
using System.Text.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Api;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Replication.Pulling;
using CoStor.Appliance.Replication.Retention;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;

namespace CoStor.Appliance.Tests.Replication.Engine;

/// <summary>The holder's side of deletions: a signed decision takes effect only after 14 days on the holder's clock, from first sight; a forged one is ignored.</summary>
public class HeldRetirementTests
{
    [Test]
    public async Task A_signed_decision_takes_effect_after_14_days_a_backdated_one_from_first_sight_and_a_forged_one_never()
    {
        using var scratch = new ScratchDirectory();
        using var owner = new TestSite(Path.Combine(scratch.Path, "owner"));
        using var holder = new TestSite(Path.Combine(scratch.Path, "holder"));
        var packs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await owner.UploadAsync(owner.Agent("pc" + i), BlobType.Data, System.Security.Cryptography.RandomNumberGenerator.GetBytes(5000));
            owner.SealPacks();
        }
        var ownDir = new LocalPackDirectory(owner.Data.PacksPath);
        packs.AddRange(ownDir.List().Select(p => p.ToString()).Order(StringComparer.Ordinal));
        var store = new PeerPackStore(Path.Combine(holder.Data.PeersPath, "school"));
        var table = new PeerPackTable(holder.Database);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        foreach (var pack in packs)
        {
            await using (var file = File.OpenRead(ownDir.PathOf(pack)))
                await store.PutAsync(BlobId.Parse(pack), file, CancellationToken.None);
            table.RecordHeld("school", pack, new FileInfo(ownDir.PathOf(pack)).Length, time.GetUtcNow());
        }
        var peer = new PeerConfig("school", new Uri("https://owner.invalid/"), owner.Authority.Fingerprint);
        var now = time.GetUtcNow();
        var signed = RetentionDecisions.Sign("school", [new(packs[0], now), new(packs[1], now - TimeSpan.FromDays(30))], b => owner.Authority.Sign(b));
        var forged = RetentionDecisions.Sign("school", [new(packs[2], now - TimeSpan.FromDays(30))], b => holder.Authority.Sign(b));

        async Task<int> Apply(RetentionDecisions list)
        {
            using var http = new HttpClient(new Serving(RetiredList.From(list))) { BaseAddress = peer.Url };
            return await HeldRetirement.ApplyAsync(http, peer, owner.Authority.Certificate, store, table, new ReplicationConfig(GraceDays: 3), time, CancellationToken.None);
        }

        await Assert.That(await Apply(signed)).IsEqualTo(0);
        await Assert.That(async () => await Apply(forged)).Throws<PullException>();
        time.Advance(TimeSpan.FromDays(13.9));
        await Assert.That(await Apply(signed)).IsEqualTo(0);
        await Assert.That(store.Holds(packs[0]) && store.Holds(packs[1])).IsTrue();
        time.Advance(TimeSpan.FromDays(0.2));
        await Assert.That(await Apply(signed)).IsEqualTo(2);

        await Assert.That(store.Holds(packs[0]) || store.Holds(packs[1])).IsFalse();
        await Assert.That(store.Holds(packs[2])).IsTrue();
        await Assert.That(table.Find("school", packs[2])!.Retired).IsFalse();
        await Assert.That(table.Find("school", packs[0])).IsNull();
    }

    /// <summary>Serves one retention list as <c>GET /peer/v1/retired</c> would.</summary>
    private sealed class Serving(RetiredList list) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(list, CoStor.Appliance.Replication.ReplicationJsonContext.Default.RetiredList), System.Text.Encoding.UTF8, "application/json"),
            });
    }
}
