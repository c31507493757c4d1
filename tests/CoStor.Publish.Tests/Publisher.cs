namespace CoStor.Publish.Tests;

/// <summary>
/// Publishes a project native-AOT for linux-x64 the way a release does, but with its own bin/obj
/// (<c>--artifacts-path</c>) in a fresh temporary folder: nothing is reused from the work tree or from an
/// earlier run, and the developer's own obj/ folders are left alone.
/// </summary>
internal static class Publisher
{
    public const string RuntimeIdentifier = "linux-x64";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    public sealed record Published(string OutputDirectory, string Log, IReadOnlyList<string> WarningLines);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static async Task<Published> PublishAsync(string projectPath, string workDirectory)
    {
        var name = Path.GetFileNameWithoutExtension(projectPath);
        var output = Path.Combine(workDirectory, name, "out");
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            [
                "publish", Path.Combine(RepositoryRoot, projectPath),
                "-c", "Release", "-r", RuntimeIdentifier,
                "--artifacts-path", Path.Combine(workDirectory, name, "artifacts"),
                "-o", output,
                "--disable-build-servers", "-nologo", "-tl:off", "-clp:NoSummary",
            ],
            RepositoryRoot,
            Timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {projectPath} exited {result.ExitCode}:\n{result.Output}");
        }

        var warnings = result.Output.Split('\n')
            .Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase))
            .Select(line => line.TrimEnd())
            .ToList();
        return new Published(output, result.Output, warnings);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoStor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CoStor.sln not found above {AppContext.BaseDirectory}");
    }
}
