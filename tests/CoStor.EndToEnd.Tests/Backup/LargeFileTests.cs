using CoStor.Agent.FileSystem;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>Files over 4 GiB are streamed both ways: exact content, holes kept, agent memory flat.</summary>
public class LargeFileTests
{
    private const long Size = (4L << 30) + (300L << 20);
    private const long FlatMemoryLimit = 256L << 20;

    [Test]
    public async Task File_over_4_GiB_round_trips_with_flat_memory()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        var path = Path.Combine(source, "disk.img");
        SparseSource.Write(path, Size, seed: 7);
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await Assert.That(backup.PeakRssBytes).IsLessThan(FlatMemoryLimit);

        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", backup.Stdout.Trim(), "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(restore.PeakRssBytes).IsLessThan(FlatMemoryLimit);
        var restored = Path.Combine(target, source.TrimStart('/'));
        await Assert.That(TreeManifest.Of(restored)).IsEqualTo(TreeManifest.Of(source));
        var blocks = Posix.Lstat(System.Text.Encoding.UTF8.GetBytes(Path.Combine(restored, "disk.img"))).Blocks;
        await Assert.That(blocks * 512).IsLessThan(256L << 20).Because("holes must stay holes");
    }
}
