namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// The start most end-to-end tests share: a generated tree with every awkward case (<see cref="TreeGenerator"/>),
/// a serving appliance, an enrolled agent and one complete backup of the tree. Disposing stops the appliance.
/// </summary>
public sealed class BackedUpTree : IAsyncDisposable
{
    private BackedUpTree(ApplianceProcess appliance, string state, string source, string snapshot) =>
        (Appliance, State, Source, Snapshot) = (appliance, state, source, snapshot);

    public ApplianceProcess Appliance { get; }

    /// <summary>The agent's state directory (<c>--state</c>).</summary>
    public string State { get; }

    /// <summary>The backed-up tree's absolute path.</summary>
    public string Source { get; }

    /// <summary>The snapshot id the backup printed.</summary>
    public string Snapshot { get; }

    /// <summary>
    /// Backs up <paramref name="source"/> (null: the generated tree, built in <paramref name="temp"/>/src); throws
    /// when the backup does not exit 0.
    /// </summary>
    public static async Task<BackedUpTree> CreateAsync(TempDirectory temp, string? source = null)
    {
        if (source is null)
        {
            source = temp.Sub("src");
            TreeGenerator.Build(source);
        }
        var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        try
        {
            var state = await appliance.EnrolAsync(temp.Sub("agent"));
            var backup = await Tools.AgentAsync("backup", "--state", state, source);
            if (backup.ExitCode != 0)
                throw new InvalidOperationException($"the backup failed: {backup}");
            return new BackedUpTree(appliance, state, source, backup.Stdout.Trim());
        }
        catch
        {
            await appliance.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Appliance.DisposeAsync();
}
