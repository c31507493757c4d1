using System.Diagnostics;
using System.Text.RegularExpressions;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// On a terminal, <c>backup</c> and <c>restore</c> draw a progress line (files, bytes, rate, ETA) on stderr;
/// without one (a script, a scheduler) they print the result line and nothing else.
/// </summary>
public partial class ProgressTests
{
    [Test]
    public async Task Backup_and_restore_draw_progress_on_a_terminal_only()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        await File.WriteAllBytesAsync(Path.Combine(source, "large.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 << 20));
        await File.WriteAllTextAsync(Path.Combine(source, "small.txt"), "x");
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var backup = await OnTerminalAsync("backup", "--state", state, source);

        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.Output);
        // The last drawing is of the finished run: both files and all their bytes.
        await Assert.That(ProgressLine().IsMatch(backup.Output)).IsTrue().Because(backup.Output);
        await Assert.That(backup.Output).Contains("backup: 2/2 files, 3.0 MiB/3.0 MiB, ");

        var restore = await OnTerminalAsync("restore", "latest", "--target", temp.Sub("restored"), "--state", state);

        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.Output);
        await Assert.That(restore.Output).Contains("restore: 2/2 files, 3.0 MiB/3.0 MiB, ");

        // Redirected: nothing but the result line — the snapshot id on stdout for a backup (here one that
        // reads a changed file), the summary on stderr for a restore (ARCHITECTURE.md, CLI contract).
        await File.WriteAllTextAsync(Path.Combine(source, "small.txt"), "changed");
        var quietBackup = await Tools.AgentAsync("backup", "--state", state, source);
        var quietRestore = await Tools.AgentAsync("restore", "latest", "--target", temp.Sub("restored-quietly"), "--state", state);

        await Assert.That(quietBackup.ExitCode).IsEqualTo(0).Because(quietBackup.ToString());
        await Assert.That(quietBackup.Stdout).Matches("^[0-9a-f]{32}\n$");
        await Assert.That(quietBackup.Stderr).IsEmpty();
        await Assert.That(quietRestore.ExitCode).IsEqualTo(0).Because(quietRestore.ToString());
        await Assert.That(quietRestore.Stdout).IsEmpty();
        await Assert.That(quietRestore.Stderr).Matches("^restored 2 files, 3 directories, 3\\.0 MiB from snapshot [0-9a-f]+ into [^\\r\\n]+\\n$");
    }

    /// <summary>Runs an agent verb on a pseudo-terminal (util-linux <c>script</c>); returns what the terminal showed.</summary>
    private static async Task<(int ExitCode, string Output)> OnTerminalAsync(params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", Tools.AgentDll }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var info = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"\r(backup|restore): \d+/\d+ files, [0-9.]+ (B|KiB|MiB|GiB)/[0-9.]+ (B|KiB|MiB|GiB), [0-9.]+ (B|KiB|MiB|GiB)/s, ETA \d\d:\d\d:\d\d")]
    private static partial Regex ProgressLine();
}
