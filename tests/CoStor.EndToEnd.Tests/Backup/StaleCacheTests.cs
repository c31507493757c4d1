using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>An agent whose record of acknowledged blobs is wrong recovers on its own and loses nothing.</summary>
public class StaleCacheTests
{
    [Test]
    public async Task Backup_with_a_stale_blob_log_is_refused_then_redone_in_full()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        TreeGenerator.Build(source, sparseSize: 8L << 20);
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var a = await appliance.EnrolAsync(temp.Sub("a"), "a");
        var b = await appliance.EnrolAsync(temp.Sub("b"), "b");
        var first = await Tools.AgentAsync("backup", "--state", a, source);
        await Assert.That(first.ExitCode).IsEqualTo(0).Because(first.ToString());

        // b believes it uploaded what a uploaded: its commit must be refused (no cross-agent references)...
        foreach (var file in new[] { "blobs.log", "files.cache" })
            File.Copy(Path.Combine(a, file), Path.Combine(b, file), overwrite: true);
        var backup = await Tools.AgentAsync("backup", "--state", b, source);

        // ...and b then sends everything itself and commits.
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await Assert.That(backup.Stderr).Contains("backing up again without the local blob cache");
        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", backup.Stdout.Trim(), "--target", target, "--state", b);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(TreeManifest.Of(Path.Combine(target, source.TrimStart('/')))).IsEqualTo(TreeManifest.Of(source));
    }
}
