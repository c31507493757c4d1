using System.Diagnostics;
using CoStor.Core.Protocol;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>Unreadable files are reported, the rest is saved, the snapshot is partial and the exit code 3.</summary>
public class PartialBackupTests
{
    [Test]
    public async Task Unreadable_file_makes_a_partial_snapshot_with_exit_code_3()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "readable.txt"), "saved");
        var secret = Path.Combine(source, "secret.txt");
        await File.WriteAllTextAsync(secret, "root only");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        // The agent runs as an unprivileged user, for whom secret.txt is unreadable (root reads everything).
        OpenForNobody(temp.Path);

        var backup = await AsNobody(temp.Sub("home"), "backup", "--state", state, source);

        await Assert.That(backup.ExitCode).IsEqualTo(3).Because(backup.ToString());
        await Assert.That(backup.Stderr).Contains("secret.txt");
        var snapshot = await BackupRestoreTests.SnapshotOf(state, backup with { ExitCode = 0 });
        await Assert.That(snapshot.Status).IsEqualTo(SnapshotRecord.Partial);
        await Assert.That(snapshot.Unreadable.Single().Path).EndsWith("secret.txt");

        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", snapshot.Id, "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        var restored = Path.Combine(target, source.TrimStart('/'));
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "readable.txt"))).IsEqualTo("saved");
        await Assert.That(File.Exists(Path.Combine(restored, "secret.txt"))).IsFalse();
    }

    [Test]
    public async Task Thousands_of_unreadable_files_are_all_counted_and_the_first_1000_listed()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "readable.txt"), "saved");
        for (var i = 0; i < 1200; i++)
        {
            var secret = Path.Combine(source, $"{i:D4}-secret.txt");
            await File.WriteAllTextAsync(secret, "root only");
            File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        OpenForNobody(temp.Path);

        var backup = await AsNobody(temp.Sub("home"), "backup", "--state", state, source);

        await Assert.That(backup.ExitCode).IsEqualTo(3).Because(backup.ToString());
        await Assert.That(backup.Stderr).Contains("1200 entries could not be saved");
        var snapshot = await BackupRestoreTests.SnapshotOf(state, backup with { ExitCode = 0 });
        await Assert.That(snapshot.Status).IsEqualTo(SnapshotRecord.Partial);
        await Assert.That(snapshot.Stats.UnreadableCount).IsEqualTo(1200);
        await Assert.That(snapshot.Unreadable.Count).IsEqualTo(ProtocolLimits.MaxUnreadableListed);
        await Assert.That(snapshot.Stats.Files).IsEqualTo(1);
    }

    private static void OpenForNobody(string root)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Append(root))
        {
            if (entry.EndsWith("secret.txt", StringComparison.Ordinal))
                continue;
            var mode = File.GetUnixFileMode(entry);
            File.SetUnixFileMode(entry, mode | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | (Directory.Exists(entry) ? UnixFileMode.OtherExecute : 0));
        }
    }

    private static async Task<ToolResult> AsNobody(string home, params string[] args)
    {
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, (UnixFileMode)0x1ff);
        var info = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Tools.AgentDll }.Concat(args))
            info.ArgumentList.Add(arg);
        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_HOME"] = home;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ToolResult(process.ExitCode, await stdout, await stderr, 0);
    }
}
