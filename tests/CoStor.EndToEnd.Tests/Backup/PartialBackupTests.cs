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
        await using var run = await BackUpAsNobodyAsync(temp, ["secret.txt"]);

        await Assert.That(run.Backup.ExitCode).IsEqualTo(3).Because(run.Backup.ToString());
        await Assert.That(run.Backup.Stderr).Contains("secret.txt");
        var snapshot = await BackupRestoreTests.SnapshotOf(run.State, run.Backup with { ExitCode = 0 });
        await Assert.That(snapshot.Status).IsEqualTo(SnapshotRecord.Partial);
        await Assert.That(snapshot.Unreadable.Single().Path).EndsWith("secret.txt");

        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", snapshot.Id, "--target", target, "--state", run.State);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        var restored = Path.Combine(target, run.Source.TrimStart('/'));
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(restored, "readable.txt"))).IsEqualTo("saved");
        await Assert.That(File.Exists(Path.Combine(restored, "secret.txt"))).IsFalse();
    }

    [Test]
    public async Task Thousands_of_unreadable_files_are_all_counted_and_the_first_1000_listed()
    {
        using var temp = new TempDirectory();
        await using var run = await BackUpAsNobodyAsync(temp, [.. Enumerable.Range(0, 1200).Select(i => $"{i:D4}-secret.txt")]);

        await Assert.That(run.Backup.ExitCode).IsEqualTo(3).Because(run.Backup.ToString());
        await Assert.That(run.Backup.Stderr).Contains("1200 entries could not be saved");
        var snapshot = await BackupRestoreTests.SnapshotOf(run.State, run.Backup with { ExitCode = 0 });
        await Assert.That(snapshot.Status).IsEqualTo(SnapshotRecord.Partial);
        await Assert.That(snapshot.Stats.UnreadableCount).IsEqualTo(1200);
        await Assert.That(snapshot.Unreadable.Count).IsEqualTo(ProtocolLimits.MaxUnreadableListed);
        await Assert.That(snapshot.Stats.Files).IsEqualTo(1);
    }

    /// <summary>
    /// A source of readable.txt ("saved") and <paramref name="secrets"/> (names ending in secret.txt) that only root
    /// may read, backed up by an agent running as nobody (root reads everything).
    /// </summary>
    private static async Task<NobodyBackup> BackUpAsNobodyAsync(TempDirectory temp, string[] secrets)
    {
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "readable.txt"), "saved");
        foreach (var name in secrets)
        {
            var secret = Path.Combine(source, name);
            await File.WriteAllTextAsync(secret, "root only");
            File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        OpenForNobody(temp.Path);
        return new NobodyBackup(appliance, source, state, await AsNobody(temp.Sub("home"), "backup", "--state", state, source));
    }

    private sealed record NobodyBackup(ApplianceProcess Appliance, string Source, string State, ToolResult Backup) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Appliance.DisposeAsync();
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
