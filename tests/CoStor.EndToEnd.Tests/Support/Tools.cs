using System.Diagnostics;
using System.Reflection;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>Locates the built binaries and runs them as child processes.</summary>
public static class Tools
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string Configuration =>
        typeof(Tools).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string ApplianceDll => Path.Combine(RepositoryRoot, "appliance/CoStor.Appliance/bin", Configuration, "net10.0/costor-appliance.dll");
    public static string AgentDll => Path.Combine(RepositoryRoot, "agent/CoStor.Agent/bin", Configuration, "net10.0/costor-agent.dll");

    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        // Tests stand for a person at a terminal, even when the test run itself is a systemd service.
        info.Environment.Remove("INVOCATION_ID");
        info.Environment.Remove("JOURNAL_STREAM");
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>Runs a verb to completion and returns its exit code and output; tracks the peak RSS it reached.</summary>
    public static Task<ToolResult> RunAsync(string dll, params string[] args) => RunWithInputAsync(dll, "", args);

    /// <summary>As <see cref="RunAsync"/>, writing <paramref name="input"/> to the verb's standard input first.</summary>
    public static async Task<ToolResult> RunWithInputAsync(string dll, string input, params string[] args)
    {
        using var process = Process.Start(StartInfo(dll, args))!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakRss(process.Id));
            await Task.Delay(100);
        }
        await process.WaitForExitAsync();
        return new ToolResult(process.ExitCode, await stdout, await stderr, peak);
    }

    public static Task<ToolResult> AgentAsync(params string[] args) => RunAsync(AgentDll, args);
    public static Task<ToolResult> ApplianceAsync(params string[] args) => RunAsync(ApplianceDll, args);

    /// <summary>Runs a system program (mount, ionice, …) to completion; returns its stdout, throws with its stderr if it fails.</summary>
    public static async Task<string> SystemAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>VmHWM of a live process in bytes (0 once it is gone).</summary>
    public static long PeakRss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string FindRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "CoStor.sln")))
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException("cannot find CoStor.sln above " + AppContext.BaseDirectory);
    }
}
