using System.CommandLine;
using CoStor.Agent.Client;
using CoStor.Agent.Restore;

namespace CoStor.Agent.Cli;

/// <summary>
/// <c>costor-agent ls SNAPSHOT [PATH]</c>: every entry below PATH (default "/"), recursively, one per line
/// on stdout (format: <see cref="SnapshotLister"/>). A directory whose tree cannot be read is reported on
/// stderr and the listing goes on; exit 3 then.
/// </summary>
public static class LsCommand
{
    public static Command Create(Option<string?> stateOption)
    {
        var snapshot = new Argument<string>("snapshot") { Description = "snapshot id, unique prefix (4+ hex digits) or 'latest'" };
        var path = new Argument<string?>("path") { Description = "absolute path inside the snapshot (default /)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("ls", "List the entries of a snapshot") { snapshot, path };
        command.SetAction((result, cancellationToken) => AgentCommands.Guard(async () =>
        {
            using var client = ApplianceClient.ForState(AgentCommands.StateOf(result, stateOption));
            var record = SnapshotResolver.Resolve(await client.ListSnapshotsAsync(cancellationToken), result.GetValue(snapshot)!);
            var components = SnapshotPath.Parse(result.GetValue(path));
            var tree = await new TreeLoader(client).LoadAsync(SnapshotResolver.RootOf(record), components, cancellationToken);
            var problems = SnapshotLister.Write(Console.Out, tree, components);
            foreach (var problem in problems)
                Console.Error.WriteLine($"costor-agent: {problem}");
            return problems.Count == 0 ? AgentCommands.Ok : AgentCommands.Partial;
        }));
        return command;
    }
}
