using CoStor.Agent.State;
using CoStor.Agent.Tests.FileSystem;

namespace CoStor.Agent.Tests.State;

public class StateDirectoryTests
{
    [Test]
    public async Task A_second_backup_with_the_same_state_directory_is_refused_until_the_first_ends()
    {
        using var temp = new TempDirectory();
        var state = new StateDirectory(temp.PathText);

        using (state.LockForBackup())
        {
            // flock locks belong to one open file, so a second open — in this process or another — is refused.
            await Assert.That(() => state.LockForBackup()).Throws<AgentException>().WithMessageContaining("another backup");
        }

        using var next = state.LockForBackup();
        await Assert.That(File.Exists(state.BackupLockPath)).IsTrue();
    }
}
