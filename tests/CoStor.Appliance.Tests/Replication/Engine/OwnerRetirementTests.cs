using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Tests.Support;
using static CoStor.Appliance.Tests.Replication.Engine.EngineSites;

namespace CoStor.Appliance.Tests.Replication.Engine;

/// <summary>
/// Deletions between two real appliances: the owner records a retention decision, serves it signed and carries it in
/// its checkpoint; the holder drops its copy only after 14 days of its own clock from first sight, and the pack is no
/// longer assigned (nothing pulls it back).
/// </summary>
public class OwnerRetirementTests
{
    [Test]
    public async Task A_pack_the_owner_retires_leaves_its_holder_only_after_14_days_from_first_sight()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var sites = await StartAsync(["north", "south"], 2, time);
        var (north, south) = (sites["north"], sites["south"]);
        var retired = await SealPackAsync(north);
        var kept = await SealPackAsync(north);
        await PullAsync(south);
        await Assert.That(File.Exists(HeldPath(south, "north", retired)) && File.Exists(HeldPath(south, "north", kept))).IsTrue();

        // Back-dated by a month: the grace still runs from when south first sees it.
        await Assert.That(Get<RetiredPackTable>(north).Record(retired, time.GetUtcNow() - TimeSpan.FromDays(30))).IsTrue();
        await Assert.That(Get<RetiredPackTable>(north).Record(retired, time.GetUtcNow())).IsFalse().Because("a decision is never re-dated");
        await PullAsync(south);
        var row = Get<PeerPackTable>(south).Find("north", retired)!;
        await Assert.That(row.Retired).IsTrue();
        await Assert.That(row.RetiredAt).IsEqualTo(time.GetUtcNow());

        time.Advance(TimeSpan.FromDays(13.9));
        await Assert.That((await PullAsync(south))["north"].Dropped).IsEqualTo(0);
        await Assert.That(File.Exists(HeldPath(south, "north", retired))).IsTrue();

        time.Advance(TimeSpan.FromDays(0.2));
        await Assert.That((await PullAsync(south))["north"].Dropped).IsEqualTo(1);
        var after = (await PullAsync(south))["north"];
        await Assert.That(after.Pulled).IsEqualTo(0).Because("a retired pack is no longer assigned");
        await Assert.That(File.Exists(HeldPath(south, "north", retired))).IsFalse();
        await Assert.That(Get<PeerPackTable>(south).Find("north", retired)).IsNull();
        await Assert.That(File.Exists(HeldPath(south, "north", kept))).IsTrue();

        Get<CheckpointWriter>(north).WriteIfChanged();
        var site = Get<SiteContext>(north);
        var content = CheckpointCodec.Open(await File.ReadAllBytesAsync(site.Data.CheckpointPath), site.Authority.Certificate, site.Keys.Keyring);
        await Assert.That(content.Retired.Select(r => r.Pack)).IsEquivalentTo([retired]);
        await Assert.That(content.Packs.Any(p => p.Name == kept)).IsTrue();
    }
}
