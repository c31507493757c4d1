using CoStor.Core.Protocol;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// A backup of a tree that holds the agent's own state directory (backing up / or /var with the default state
/// in /var/lib/costor-agent): the state changes while it is read, and holds the agent's credential, so its
/// contents are left out and the snapshot is complete.
/// </summary>
public class OwnStateTests
{
    [Test]
    public async Task The_agents_own_state_directory_is_kept_empty_and_the_snapshot_is_complete()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("a.txt", "data"u8.ToArray());
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var stateDirectory = await appliance.EnrolAsync(Path.Combine(source, "agent-state"));
        // The agent is pointed at its state through a symlink: the walk still recognises the directory.
        var state = temp.Sub("state-link");
        File.CreateSymbolicLink(state, stateDirectory);
        await Tools.AgentAsync("backup", "--state", state, source); // fills the blob log and cache the next one reads

        var backup = await Tools.AgentAsync("backup", "--state", state, source);

        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await Assert.That(backup.Stderr).Contains($"note: {stateDirectory}: the agent's own state: contents not backed up");
        var snapshot = await BackupRestoreTests.SnapshotOf(state, backup);
        await Assert.That(snapshot.Status).IsEqualTo(SnapshotRecord.Complete);
        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", snapshot.Id, "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        var restored = Path.Combine(target, source.TrimStart('/'));
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "a.txt"))).IsEqualTo("data");
        await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "agent-state"))).IsEmpty();
    }
}
