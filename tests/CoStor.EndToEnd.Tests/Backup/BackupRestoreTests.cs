using System.Text.Json;
using CoStor.Core.Protocol;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>Backup and restore through the real binaries: what comes back must be identical.</summary>
public class BackupRestoreTests
{
    [Test]
    public async Task Restore_is_bit_exact_and_metadata_exact()
    {
        using var temp = new TempDirectory();
        await using var tree = await BackedUpTree.CreateAsync(temp);
        var (state, source, snapshotId) = (tree.State, tree.Source, tree.Snapshot);
        await Assert.That(snapshotId).Matches("^[0-9a-f]{32}$");

        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", snapshotId, "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        var restored = Path.Combine(target, source.TrimStart('/'));
        await Assert.That(TreeManifest.Of(restored)).IsEqualTo(TreeManifest.Of(source));

        var sparse = new FileInfo(Path.Combine(restored, "sparse.img"));
        await Assert.That(BlocksOf(sparse.FullName) * 512).IsLessThan(1L << 20).Because("holes must stay holes");
    }

    [Test]
    public async Task Unchanged_backup_uploads_nothing_and_changed_backup_uploads_only_new_chunks()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        TreeGenerator.Build(source);
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var first = await SnapshotOf(state, await Tools.AgentAsync("backup", "--state", state, source));
        var second = await SnapshotOf(state, await Tools.AgentAsync("backup", "--state", state, source));
        // Only the trees of the directories above the source (/, /tmp, the scratch dir) may change: their
        // mtimes move as other tests create files. No file content is uploaded again.
        await Assert.That(second.Stats.NewBlobs).IsLessThanOrEqualTo(3);
        await Assert.That(second.Stats.NewBytes).IsLessThan(64 * 1024);

        // Change one file of ~9 MiB in the middle: only its changed chunk(s) and the trees above it are new.
        using (var stream = new FileStream(Path.Combine(source, "random-9MiB.bin"), FileMode.Open))
        {
            stream.Position = 5 << 20;
            stream.Write("changed"u8);
        }
        var third = await SnapshotOf(state, await Tools.AgentAsync("backup", "--state", state, source));
        await Assert.That(third.Stats.NewBlobs).IsGreaterThan(0);
        await Assert.That(third.Stats.NewBytes).IsLessThan(6L << 20).Because("unchanged chunks of the file are not uploaded again");
        await Assert.That(third.Stats.NewBytes).IsGreaterThan(256 * 1024).Because("the changed chunk is uploaded");
    }

    [Test]
    public async Task Snapshots_lists_every_backup_as_json()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "a");
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var first = (await Tools.AgentAsync("backup", "--state", state, source)).Stdout.Trim();
        var second = (await Tools.AgentAsync("backup", "--state", state, source)).Stdout.Trim();

        var list = await Tools.AgentAsync("snapshots", "--json", "--state", state);
        await Assert.That(list.ExitCode).IsEqualTo(0).Because(list.ToString());
        var snapshots = JsonSerializer.Deserialize(list.Stdout, ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord)!;
        await Assert.That(snapshots.Select(s => s.Id).ToArray()).IsEquivalentTo(new[] { first, second });
        await Assert.That(snapshots.All(s => s.Status == SnapshotRecord.Complete)).IsTrue();
    }

    internal static async Task<SnapshotRecord> SnapshotOf(string state, ToolResult backup)
    {
        if (backup.ExitCode != 0)
            throw new InvalidOperationException(backup.ToString());
        var list = await Tools.AgentAsync("snapshots", "--json", "--state", state);
        var snapshots = JsonSerializer.Deserialize(list.Stdout, ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord)!;
        return snapshots.Single(s => s.Id == backup.Stdout.Trim());
    }

    private static long BlocksOf(string path) => CoStor.Agent.FileSystem.Posix.Lstat(System.Text.Encoding.UTF8.GetBytes(path)).Blocks;
}
