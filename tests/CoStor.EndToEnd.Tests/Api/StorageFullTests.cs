using System.Security.Cryptography;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>
/// The appliance's disk fills up during a backup: the agent gets a clear "storage is full" (507, not a bare
/// 500), nothing of the refused batch stays on disk, what was acknowledged before is intact, and the appliance
/// goes on working for backups that fit. The data directory is a small tmpfs (the tests run as root).
/// </summary>
public class StorageFullTests
{
    [Test]
    public async Task A_full_disk_refuses_clearly_and_the_appliance_keeps_working()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        Directory.CreateDirectory(data);
        await Tools.SystemAsync("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", data);
        try
        {
            var large = temp.Sub("large");
            Directory.CreateDirectory(large);
            for (var i = 0; i < 16; i++)
                await File.WriteAllBytesAsync(Path.Combine(large, $"f{i:00}.bin"), RandomNumberGenerator.GetBytes(4 << 20));
            var small = temp.Sub("small");
            Directory.CreateDirectory(small);
            await File.WriteAllBytesAsync(Path.Combine(small, "fits.bin"), RandomNumberGenerator.GetBytes(1 << 20));

            await using var appliance = await ApplianceProcess.StartAsync(data);
            var state = await appliance.EnrolAsync(temp.Sub("agent"));

            var full = await Tools.AgentAsync("backup", "--state", state, large);
            await Assert.That(full.ExitCode).IsEqualTo(1).Because(full.ToString());
            await Assert.That(full.Stderr).Contains("(507)").And.Contains("storage is full");

            // The refused batch was cut off its pack, so a backup that fits in what is left goes through.
            var fits = await Tools.AgentAsync("backup", "--state", state, small);
            await Assert.That(fits.ExitCode).IsEqualTo(0).Because(fits.ToString());
            var target = temp.Sub("restore");
            var restore = await Tools.AgentAsync("restore", fits.Stdout.Trim(), "--target", target, "--state", state);
            await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
            await Assert.That(TreeManifest.Of(Path.Combine(target, small.TrimStart('/')))).IsEqualTo(TreeManifest.Of(small));
        }
        finally
        {
            await Tools.SystemAsync("umount", "--lazy", data);
        }
    }
}
