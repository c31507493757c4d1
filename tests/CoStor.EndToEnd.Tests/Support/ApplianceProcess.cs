using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// The real appliance, started as a child process on 127.0.0.1 (port 0 unless a port is given) with its
/// own data directory. Disposing kills it; <see cref="Kill"/> is the <c>kill -9</c> of the crash tests.
/// </summary>
public sealed partial class ApplianceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ApplianceProcess(Process process, string dataDir)
    {
        _process = process;
        DataDir = dataDir;
    }

    public string DataDir { get; }
    public string Url { get; private set; } = "";
    public string Fingerprint { get; private set; } = "";
    public int Port => new Uri(Url).Port;
    public int Pid => _process.Id;
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<ApplianceProcess> StartAsync(string dataDir, int port = 0, params string[] extraArgs) =>
        StartProcessAsync(dataDir, ["serve", "--data", dataDir, "--urls", $"https://127.0.0.1:{port}", "--site", "e2e", .. extraArgs]);

    /// <summary>Serves an existing site with its own configuration file (which names the site and its peers).</summary>
    public static Task<ApplianceProcess> StartWithConfigAsync(string dataDir, string configFile, int port) =>
        StartProcessAsync(dataDir, ["serve", "--config", configFile, "--data", dataDir, "--urls", $"https://127.0.0.1:{port}"]);

    private static async Task<ApplianceProcess> StartProcessAsync(string dataDir, string[] arguments)
    {
        var process = Process.Start(Tools.StartInfo(Tools.ApplianceDll, arguments))!;
        var appliance = new ApplianceProcess(process, dataDir);
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => appliance.OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => appliance.OnLine(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("appliance did not start:\n" + appliance.Output);
        }
        return appliance;
    }

    private void OnLine(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } listening)
            Url = listening.Groups[1].Value;
        if (line.StartsWith("CA fingerprint: ", StringComparison.Ordinal))
        {
            Fingerprint = line["CA fingerprint: ".Length..].Trim();
            ready?.TrySetResult();
        }
    }

    public async Task<string> CreateTokenAsync()
    {
        var result = await Tools.ApplianceAsync("token", "create", "--data", DataDir);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(result.ToString());
        return result.Stdout.Trim();
    }

    /// <summary>Enrols a new agent with its own state directory.</summary>
    public async Task<string> EnrolAsync(string stateDir, string name = "pc")
    {
        var token = await CreateTokenAsync();
        var result = await Tools.AgentAsync("enrol", "--state", stateDir, "--appliance", Url, "--token", token, "--fingerprint", Fingerprint, "--name", name);
        if (result.ExitCode != 0)
            throw new InvalidOperationException(result.ToString());
        return stateDir;
    }

    public long PeakRss => Tools.PeakRss(_process.Id);

    /// <summary>Sends SIGTERM and returns the exit code (the appliance must stop within 30 s).</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (https://\S+)")]
    private static partial Regex ListeningLine();
}
