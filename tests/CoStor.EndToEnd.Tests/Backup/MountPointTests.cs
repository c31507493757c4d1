using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// Mount points below a backed-up path: kernel file systems (here real proc and devtmpfs mounts) are recorded as
/// empty directories and never walked; other file systems (here a tmpfs) are backed up, unless --one-file-system.
/// </summary>
public class MountPointTests
{
    [Test]
    public async Task A_kernel_file_system_is_kept_as_an_empty_mount_point_and_others_are_backed_up()
    {
        using var temp = new TempDirectory();
        await using var mounts = await MountedSourceAsync(temp);

        var backup = await Tools.AgentAsync("backup", "--state", mounts.State, mounts.Source);
        var procOnly = await Tools.AgentAsync("backup", "--state", mounts.State, mounts.Proc);

        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await Assert.That(backup.Stderr).Contains($"note: {mounts.Proc}: kernel file system (proc): contents not backed up");
        await Assert.That(backup.Stderr).Contains($"note: {mounts.Dev}: kernel file system (devtmpfs): contents not backed up");
        await Assert.That(procOnly.ExitCode).IsEqualTo(0).Because(procOnly.ToString());
        await Assert.That(procOnly.Stderr).Contains($"note: {mounts.Proc}: kernel file system (proc)");
        var restored = await RestoreAsync(temp, mounts.State, backup.Stdout.Trim(), mounts.Source);
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "a.txt"))).IsEqualTo("data");
        await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "proc"))).IsEmpty();
        await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "dev nodes"))).IsEmpty();
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "scratch", "note.txt"))).IsEqualTo("on tmpfs");
        await Assert.That(Directory.GetFileSystemEntries(await RestoreAsync(temp, mounts.State, procOnly.Stdout.Trim(), mounts.Proc))).IsEmpty();
    }

    [Test]
    public async Task One_file_system_keeps_other_mounts_as_empty_mount_points()
    {
        using var temp = new TempDirectory();
        await using var mounts = await MountedSourceAsync(temp);

        var backup = await Tools.AgentAsync("backup", "--one-file-system", "--state", mounts.State, mounts.Source);

        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await Assert.That(backup.Stderr).Contains($"note: {mounts.Tmpfs}: another file system (--one-file-system): contents not backed up");
        var restored = await RestoreAsync(temp, mounts.State, backup.Stdout.Trim(), mounts.Source);
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "a.txt"))).IsEqualTo("data");
        await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "scratch"))).IsEmpty();
        await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "proc"))).IsEmpty();
        await Assert.That(Directory.GetFileSystemEntries(Path.Combine(restored, "dev nodes"))).IsEmpty();
    }

    /// <summary>
    /// src/a.txt ("data"), a proc file system mounted at src/proc, a devtmpfs at "src/dev nodes" (the space is
    /// escaped in the mount table) and a tmpfs at src/scratch holding note.txt ("on tmpfs"); an appliance and an
    /// enrolled agent. Disposing unmounts them and stops the appliance.
    /// </summary>
    private static async Task<MountedSource> MountedSourceAsync(TempDirectory temp)
    {
        var source = await temp.SourceWithAsync("a.txt", "data"u8.ToArray());
        var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var mounts = new MountedSource(appliance, await appliance.EnrolAsync(temp.Sub("agent")), source,
            Path.Combine(source, "proc"), Path.Combine(source, "dev nodes"), Path.Combine(source, "scratch"));
        Directory.CreateDirectory(mounts.Proc);
        Directory.CreateDirectory(mounts.Dev);
        Directory.CreateDirectory(mounts.Tmpfs);
        await Tools.SystemAsync("mount", "-t", "proc", "proc", mounts.Proc);
        await Tools.SystemAsync("mount", "-t", "devtmpfs", "devtmpfs", mounts.Dev);
        await Tools.SystemAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mounts.Tmpfs);
        await File.WriteAllTextAsync(Path.Combine(mounts.Tmpfs, "note.txt"), "on tmpfs");
        return mounts;
    }

    private sealed record MountedSource(ApplianceProcess Appliance, string State, string Source, string Proc, string Dev, string Tmpfs) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await Tools.SystemAsync("umount", "--lazy", Proc);
                await Tools.SystemAsync("umount", "--lazy", Dev);
                await Tools.SystemAsync("umount", "--lazy", Tmpfs);
            }
            finally
            {
                await Appliance.DisposeAsync();
            }
        }
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
