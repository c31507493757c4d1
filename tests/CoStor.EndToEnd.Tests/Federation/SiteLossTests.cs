using CoStor.Appliance.Archive;
using CoStor.EndToEnd.Tests.Backup;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Federation;

/// <summary>
/// The promise of federation, with three real appliances on 127.0.0.1 (copies = 2, so each of north's packs lives at
/// south or east): north's data directory is deleted entirely; south restores north's snapshot with north's recovery
/// key (fetching from east what it does not hold) and the archive matches the source; a new box rebuilt from south
/// and east becomes north again, and north's enrolled agent backs up to it without enrolling again, uploading only
/// what changed.
/// </summary>
[NotInParallel("federation")]
public class SiteLossTests
{
    private static readonly TimeSpan ReplicationWait = TimeSpan.FromMinutes(4);

    [Test]
    [Category("Slow")]
    public async Task A_lost_site_restores_at_a_peer_and_is_rebuilt_from_its_peers()
    {
        using var temp = new TempDirectory();
        await using var north = await FederatedSite.CreateAsync(temp, "north");
        await using var south = await FederatedSite.CreateAsync(temp, "south");
        await using var east = await FederatedSite.CreateAsync(temp, "east");
        await north.ConfigureAsync(2, south, east);
        await south.ConfigureAsync(2, north, east);
        await east.ConfigureAsync(2, north, south);
        await Task.WhenAll(north.StartAsync(), south.StartAsync(), east.StartAsync());

        var source = temp.Sub("src");
        TreeGenerator.Build(source);
        var state = temp.Sub("agent");
        var token = (await Tools.ApplianceAsync("token", "create", "--data", north.DataDir)).Stdout.Trim();
        var enrol = await Tools.AgentAsync("enrol", "--state", state, "--appliance", north.Url, "--token", token, "--fingerprint", north.Fingerprint, "--name", "office");
        await Assert.That(enrol.ExitCode).IsEqualTo(0).Because(enrol.ToString());
        var first = await BackupRestoreTests.SnapshotOf(state, await Tools.AgentAsync("backup", "--state", state, source));

        // The backup's last pack is sealed once idle (limits.seal_idle_seconds = 1); then every sealed pack of north
        // reaches a peer, and both peers hold a checkpoint north wrote after its last pack was sealed.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await WaitUntilAsync(() =>
        {
            var own = north.OwnPacks();
            var held = south.HeldPacksOf("north").Union(east.HeldPacksOf("north")).ToHashSet();
            var written = Modified(Path.Combine(north.DataDir, "checkpoint", "latest"));
            return own.Count > 0 && own.IsSubsetOf(held) && written > north.LastSealedAt()
                && Modified(Path.Combine(south.DataDir, "peers", "north", "checkpoint")) >= written
                && Modified(Path.Combine(east.DataDir, "peers", "north", "checkpoint")) >= written
                && File.Exists(Path.Combine(south.DataDir, "peers", "north", "keyring.recovery"));
        }, "north's packs and latest checkpoint at its peers");
        var northPacks = north.OwnPacks();
        var atSouth = south.HeldPacksOf("north");
        var atEast = east.HeldPacksOf("north");
        await Assert.That(northPacks.All(p => atSouth.Contains(p) != atEast.Contains(p))).IsTrue().Because("copies = 2: each pack at exactly one peer");

        north.Kill();
        Directory.Delete(north.DataDir, recursive: true);

        // Restore at south with north's recovery key, beside south's running serve.
        var unlock = await Tools.ApplianceAsync("site", "unlock", "north", "--recovery-key-file", north.RecoveryKeyFile, "--data", south.DataDir, "--config", south.ConfigFile);
        await Assert.That(unlock.ExitCode).IsEqualTo(0).Because(unlock.ToString());
        var tar = temp.Sub("north.tar");
        var archive = await Tools.ApplianceAsync("archive", "--site", "north", "--snapshot", first.Id, "--path", source, "--format", "tar", "-o", tar,
            "--data", south.DataDir, "--config", south.ConfigFile);
        await Assert.That(archive.ExitCode).IsEqualTo(0).Because(archive.ToString());
        await using (var stream = File.OpenRead(tar))
            await Assert.That(string.Join('\n', ArchiveManifest.OfTar(stream, gzip: false))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, "src", ArchiveFormat.Tar)));

        // A new, empty box becomes north again from its peers, on north's address.
        var rebuild = await Tools.ApplianceAsync("rebuild", "--site", "north", "--peer", south.Url, "--fingerprint", south.Fingerprint,
            "--recovery-key-file", north.RecoveryKeyFile, "--data", north.DataDir);
        await Assert.That(rebuild.ExitCode).IsEqualTo(0).Because(rebuild.ToString());
        await Assert.That(north.OwnPacks().SetEquals(northPacks)).IsTrue().Because("every pack came back from south or east");
        await north.StartAsync();
        await Assert.That(north.Process!.Fingerprint).IsEqualTo(north.Fingerprint).Because("the same CA, so the agent's pin still holds");

        await File.WriteAllTextAsync(Path.Combine(source, "after-the-fire.txt"), "written after the rebuild");
        var again = await BackupRestoreTests.SnapshotOf(state, await Tools.AgentAsync("backup", "--state", state, source));
        await Assert.That(again.Id).IsNotEqualTo(first.Id);
        await Assert.That(again.Stats.NewBytes).IsLessThan(1L << 20).Because("the next backup dedups against what was rebuilt");
        var restoreTarget = temp.Sub("restored");
        var restore = await Tools.AgentAsync("restore", first.Id, "--target", restoreTarget, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
    }

    private static DateTime Modified(string file) => File.Exists(file) ? File.GetLastWriteTimeUtc(file) : DateTime.MinValue;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + ReplicationWait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {ReplicationWait} for {what}");
            await Task.Delay(500);
        }
    }
}
