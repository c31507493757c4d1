using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// Mount points below a backed-up path: kernel file systems (here a real proc mount) are recorded as empty
/// directories and never walked; other file systems (here a tmpfs) are backed up, unless --one-file-system.
/// </summary>
public class MountPointTests
{
    [Test]
    public async Task A_kernel_file_system_is_kept_as_an_empty_mount_point_and_others_are_backed_up()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("a.txt", "data"u8.ToArray());
        var (proc, tmpfs) = (Path.Combine(source, "proc"), Path.Combine(source, "scratch"));
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        await MountAsync(proc, tmpfs);
        try
        {
            var backup = await Tools.AgentAsync("backup", "--state", state, source);
            var procOnly = await Tools.AgentAsync("backup", "--state", state, proc);

            await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
            await Assert.That(backup.Stderr).Contains($"note: {proc}: kernel file system (proc): contents not backed up");
            await Assert.That(procOnly.ExitCode).IsEqualTo(0).Because(procOnly.ToString());
            await Assert.That(procOnly.Stderr).Contains($"note: {proc}: kernel file system (proc)");
            var restored = await RestoreAsync(temp, state, backup.Stdout.Trim(), source);
            await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "a.txt"))).IsEqualTo("data");
            await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "proc"))).IsEmpty();
            await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "scratch", "note.txt"))).IsEqualTo("on tmpfs");
            await Assert.That(Directory.GetFileSystemEntries(await RestoreAsync(temp, state, procOnly.Stdout.Trim(), proc))).IsEmpty();
        }
        finally
        {
            await UnmountAsync(proc, tmpfs);
        }
    }

    [Test]
    public async Task One_file_system_keeps_other_mounts_as_empty_mount_points()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("a.txt", "data"u8.ToArray());
        var (proc, tmpfs) = (Path.Combine(source, "proc"), Path.Combine(source, "scratch"));
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        await MountAsync(proc, tmpfs);
        try
        {
            var backup = await Tools.AgentAsync("backup", "--one-file-system", "--state", state, source);

            await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
            await Assert.That(backup.Stderr).Contains($"note: {tmpfs}: another file system (--one-file-system): contents not backed up");
            var restored = await RestoreAsync(temp, state, backup.Stdout.Trim(), source);
            await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "a.txt"))).IsEqualTo("data");
            await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "scratch"))).IsEmpty();
            await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "proc"))).IsEmpty();
        }
        finally
        {
            await UnmountAsync(proc, tmpfs);
        }
    }

    private static async Task MountAsync(string proc, string tmpfs)
    {
        Directory.CreateDirectory(proc);
        Directory.CreateDirectory(tmpfs);
        await Tools.SystemAsync("mount", "-t", "proc", "proc", proc);
        await Tools.SystemAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tmpfs);
        await File.WriteAllTextAsync(Path.Combine(tmpfs, "note.txt"), "on tmpfs");
    }

    private static async Task UnmountAsync(params string[] mountPoints)
    {
        foreach (var mountPoint in mountPoints)
            await Tools.SystemAsync("umount", "--lazy", mountPoint);
    }

    /// <summary>Restores a snapshot into a fresh target and returns where <paramref name="path"/> landed in it.</summary>
    private static async Task<string> RestoreAsync(TempDirectory temp, string state, string snapshot, string path)
    {
        var target = temp.Sub("restore-" + Guid.NewGuid().ToString("N"));
        var restore = await Tools.AgentAsync("restore", snapshot, "--target", target, "--state", state);
        if (restore.ExitCode != 0)
            throw new InvalidOperationException(restore.ToString());
        return Path.Combine(target, path.TrimStart('/'));
    }
}
