using System.Security.Cryptography;
using System.Text;
using CoStor.Agent.FileSystem;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// A tree whose paths pass PATH_MAX (4096 bytes; here over 6,000) backs up completely and restores exactly.
/// Compared as GNU tar streams (names, modes, owners, mtimes, xattrs, contents), since tar walks by descriptor.
/// </summary>
public class DeepPathTests
{
    [Test]
    public async Task Paths_longer_than_PATH_MAX_back_up_and_restore_exactly()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        using (var target = RestoreTarget.Open(Encoding.UTF8.GetBytes(source)))
        {
            var opened = new List<RestoreDirectory>();
            var current = target.Root;
            for (var i = 0; i < 30; i++)
            {
                var name = Encoding.ASCII.GetBytes($"level-{i:D2}-".PadRight(200, 'x'));
                current = current.CreateDirectory(name);
                opened.Add(current);
            }
            using (var handle = current.CreateFile("bottom.txt"u8))
                RandomAccess.Write(handle, "at the bottom"u8, 0);
            current.ApplyMetadata("bottom.txt"u8, 0x1a0, 0, 0, 1_700_000_000_000_000_001, [("user.depth", "30"u8.ToArray())], setOwner: false);
            current.CreateSymlink("up"u8, "../.."u8);
            opened.ForEach(directory => directory.Dispose());
        }
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var backup = await Tools.AgentAsync("backup", "--state", state, source);

        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        var restoreTarget = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", backup.Stdout.Trim(), "--target", restoreTarget, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(await TarHashAsync(temp, Path.Combine(restoreTarget, source.TrimStart('/')))).IsEqualTo(await TarHashAsync(temp, source));
    }

    private static async Task<string> TarHashAsync(TempDirectory temp, string directory)
    {
        var archive = temp.Sub($"tree-{Guid.NewGuid():N}.tar");
        // pax headers would carry atime and ctime, which no restore keeps; everything else is compared.
        await Tools.SystemAsync("tar", "--sort=name", "--xattrs", "--numeric-owner", "--pax-option=delete=atime,delete=ctime", "-C", directory, "-cf", archive, ".");
        return Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(archive)));
    }
}
