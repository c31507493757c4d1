using System.Diagnostics;
using System.Text.Json;
using CoStor.Core.Protocol;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// <c>costor-agent run</c>: backs up at once and on schedule, at background priority unless told otherwise, and
/// stops cleanly on SIGTERM; bad options are refused before anything is backed up.
/// </summary>
public class RunDaemonTests
{
    [Test]
    public async Task The_daemon_backs_up_at_background_priority_and_stops_on_SIGTERM()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("report.txt", "end of term"u8.ToArray());
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        using var daemon = Daemon.Start("run", "--every", "60", "--state", state, source);
        var line = await daemon.WaitForLineAsync(" backup ");

        await Assert.That(line).Contains(" complete: ").Because(daemon.Output);
        var threads = Directory.GetDirectories($"/proc/{daemon.Pid}/task").Select(Path.GetFileName).ToList();
        foreach (var tid in threads)
            await Assert.That(NiceOf(daemon.Pid, tid!)).IsEqualTo(10).Because($"thread {tid} of the daemon");
        var ionice = await Tools.SystemAsync("ionice", ["-p", .. threads!]);
        await Assert.That(ionice.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Single()).IsEqualTo("best-effort: prio 7");

        var snapshots = await SnapshotsAsync(state);
        await Assert.That(snapshots.Count).IsEqualTo(1);
        await Assert.That(line).Contains(snapshots[0].Id);
        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", snapshots[0].Id, "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(target, source.TrimStart('/'), "report.txt"))).IsEqualTo("end of term");

        var exitCode = await daemon.TerminateAsync();
        await Assert.That(exitCode).IsEqualTo(0).Because(daemon.Output);
    }

    [Test]
    public async Task Priority_normal_leaves_the_daemon_at_normal_priority()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("a.txt", "a"u8.ToArray());
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        using var daemon = Daemon.Start("run", "--every", "60", "--priority", "normal", "--state", state, source);
        await Assert.That(await daemon.WaitForLineAsync(" backup ")).Contains(" complete: ");

        foreach (var tid in Directory.GetDirectories($"/proc/{daemon.Pid}/task").Select(Path.GetFileName))
            await Assert.That(NiceOf(daemon.Pid, tid!)).IsEqualTo(0);
        await Assert.That(await daemon.TerminateAsync()).IsEqualTo(0).Because(daemon.Output);
    }

    [Test]
    [Arguments("--every", "0", "--every must be at least 1 minute")]
    [Arguments("--priority", "high", "high")]
    public async Task Bad_options_are_refused_and_nothing_is_backed_up(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("a.txt", "a"u8.ToArray());
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var run = await Tools.AgentAsync("run", option, value, "--state", state, source);

        await Assert.That(run.ExitCode).IsEqualTo(1).Because(run.ToString());
        await Assert.That(run.Stderr).Contains(message);
        await Assert.That(await SnapshotsAsync(state)).IsEmpty();
    }

    /// <summary>Field 19 of /proc/PID/task/TID/stat (the fields after the parenthesised name start at field 3).</summary>
    private static int NiceOf(int pid, string tid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/task/{tid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<SnapshotRecord>> SnapshotsAsync(string state)
    {
        var list = await Tools.AgentAsync("snapshots", "--json", "--state", state);
        return JsonSerializer.Deserialize(list.Stdout, ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord)!;
    }

    /// <summary>A running <c>costor-agent run</c> whose stderr lines are collected as they come.</summary>
    private sealed class Daemon : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private Daemon(Process process) => _process = process;

        public int Pid => _process.Id;

        public string Output { get { lock (_lines) return string.Join('\n', _lines); } }

        public static Daemon Start(params string[] args)
        {
            var daemon = new Daemon(Process.Start(Tools.StartInfo(Tools.AgentDll, args))!);
            daemon._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                    lock (daemon._lines)
                        daemon._lines.Add(line);
            };
            daemon._process.BeginErrorReadLine();
            return daemon;
        }

        /// <summary>The first stderr line containing <paramref name="text"/>; fails after a minute or if the daemon exits.</summary>
        public async Task<string> WaitForLineAsync(string text)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromMinutes(1))
            {
                lock (_lines)
                    if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                        return line;
                if (_process.HasExited)
                    break;
                await Task.Delay(50);
            }
            throw new InvalidOperationException($"no line with '{text}' from the daemon:\n{Output}");
        }

        /// <summary>Sends SIGTERM and returns the exit code (the daemon must stop within 30 s).</summary>
        public async Task<int> TerminateAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }
}
