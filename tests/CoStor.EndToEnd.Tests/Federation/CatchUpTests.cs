using System.Security.Cryptography;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Federation;

/// <summary>
/// A peer that was offline while 1 GiB accumulated catches up, and survives kill -9 in the middle of it: two real
/// appliances (copies = 2, so south holds every pack of north). south is killed once it has begun pulling; after a
/// restart it ends holding exactly north's sealed packs, each byte-identical to north's copy, with nothing left half
/// pulled and no pack twice.
/// </summary>
[NotInParallel("federation")]
public class CatchUpTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(4);

    [Test]
    [Category("Slow")]
    public async Task An_offline_peer_catches_up_on_1_GiB_and_resumes_after_kill_9()
    {
        using var temp = new TempDirectory();
        await using var north = await FederatedSite.CreateAsync(temp, "north");
        await using var south = await FederatedSite.CreateAsync(temp, "south");
        await north.ConfigureAsync(2, south);
        await south.ConfigureAsync(2, north);
        await north.StartAsync();

        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        for (var i = 0; i < 8; i++)
            await File.WriteAllBytesAsync(Path.Combine(source, $"part-{i}.bin"), RandomNumberGenerator.GetBytes(128 << 20));
        var state = temp.Sub("agent");
        var token = (await Tools.ApplianceAsync("token", "create", "--data", north.DataDir)).Stdout.Trim();
        var enrol = await Tools.AgentAsync("enrol", "--state", state, "--appliance", north.Url, "--token", token, "--fingerprint", north.Fingerprint);
        await Assert.That(enrol.ExitCode).IsEqualTo(0).Because(enrol.ToString());
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        var own = await SettledPacksAsync(north); // the backup's last packs seal once idle

        var ownBytes = Directory.GetFiles(Path.Combine(north.DataDir, "packs"), "*.pack", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        await Assert.That(ownBytes).IsGreaterThanOrEqualTo(1L << 30).Because("the whole 1 GiB of random data is sealed");
        await Assert.That(own.Count).IsGreaterThanOrEqualTo(25).Because("1 GiB of random data fills 29-32 packs (target size plus the last chunk each)");

        await south.StartAsync();
        await WaitUntilAsync(() => south.HeldPacksOf("north").Count >= 3, "south to begin pulling");
        south.Kill();
        var before = south.HeldPacksOf("north").Count;
        await Assert.That(before).IsLessThan(own.Count).Because("killed in the middle of the catch-up");

        await south.StartAsync();
        await WaitUntilAsync(() => south.HeldPacksOf("north").SetEquals(own), "south to hold every pack of north");
        var incoming = Path.Combine(south.DataDir, "peers", "north", "incoming");
        await Assert.That(Directory.Exists(incoming) ? Directory.GetFiles(incoming).Length : 0).IsEqualTo(0).Because("nothing half pulled remains");
        foreach (var name in own)
        {
            var mine = await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(north.DataDir, "packs"), name + ".pack", SearchOption.AllDirectories).Single());
            var theirs = Directory.GetFiles(Path.Combine(south.DataDir, "peers", "north", "packs"), name + ".pack", SearchOption.AllDirectories);
            await Assert.That(theirs.Length).IsEqualTo(1).Because($"pack {name} once");
            await Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(theirs[0])).SequenceEqual(SHA256.HashData(mine))).IsTrue().Because($"pack {name} identical");
        }
    }

    /// <summary>North's sealed packs once their number has not changed for three seconds (idle packs sealed).</summary>
    private static async Task<IReadOnlySet<string>> SettledPacksAsync(FederatedSite site)
    {
        var deadline = DateTime.UtcNow + Wait;
        var packs = site.OwnPacks();
        for (var quiet = 0; quiet < 30; quiet++)
        {
            await Task.Delay(100);
            var now = site.OwnPacks();
            if (now.Count != packs.Count)
                (packs, quiet) = (now, 0);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {Wait} for north's packs to settle");
        }
        return packs;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {Wait} for {what}");
            await Task.Delay(100);
        }
    }
}
