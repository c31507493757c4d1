using System.Collections;

namespace CoStor.Appliance.Cli;

/// <summary>
/// What the command line needs to know about how it was started, read once in <c>Program.cs</c> and passed in.
/// <paramref name="UnderServiceManager"/>: systemd runs it (it sets <c>INVOCATION_ID</c>, and <c>JOURNAL_STREAM</c>
/// when output goes to the journal), so anything printed is kept in a log — no place for a recovery key.
/// <paramref name="SearchPath"/>: the directories of <c>PATH</c>, to print commands the way they can be typed.
/// </summary>
public sealed record ProcessSurroundings(bool UnderServiceManager, IReadOnlyList<string> SearchPath)
{
    public static ProcessSurroundings Interactive { get; } = new(false, []);

    public static ProcessSurroundings From(IDictionary environment) =>
        new(environment.Contains("INVOCATION_ID") || environment.Contains("JOURNAL_STREAM"),
            (environment["PATH"] as string ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>How to run this binary again: its name when on PATH, else its full path (from source: dotnet and the dll).</summary>
    public string Command()
    {
        var process = Environment.ProcessPath ?? "costor-appliance";
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
            return $"dotnet {Path.Combine(AppContext.BaseDirectory, "costor-appliance.dll")}";
        var directory = Path.GetDirectoryName(process);
        return SearchPath.Any(entry => Path.GetFullPath(entry) == directory) ? Path.GetFileName(process) : process;
    }
}
