using System.CommandLine;
using System.Text;
using CoStor.Agent.Client;
using CoStor.Agent.Progress;
using CoStor.Agent.Restore;

namespace CoStor.Agent.Cli;

/// <summary>
/// <c>costor-agent restore SNAPSHOT --target DIR [--include PATH]</c>: restores the snapshot (or only the
/// entry at PATH) below DIR with full paths (DIR/home/ann/...). Messages go to stderr: one line per entry
/// that could not be restored, then a summary. Exit 0 when all was restored, 3 when some entries were not,
/// 1 when the restore could not run.
/// </summary>
public static class RestoreCommand
{
    public static Command Create(Option<string?> stateOption)
    {
        var snapshot = new Argument<string>("snapshot") { Description = "snapshot id, unique prefix (4+ hex digits) or 'latest'" };
        var target = new Option<string?>("--target") { Description = "directory to restore into (created if missing)", Required = true };
        var include = new Option<string?>("--include") { Description = "absolute path inside the snapshot to restore (default: everything)" };
        var retryFor = AgentCommands.RetryForOption();
        var command = new Command("restore", "Restore a snapshot into a directory") { snapshot, target, include, retryFor };
        command.SetAction((result, cancellationToken) => AgentCommands.Guard(async () =>
        {
            using var client = ApplianceClient.ForState(AgentCommands.StateOf(result, stateOption),
                AgentCommands.RetryPolicyOf(result, retryFor, AgentCommands.TerminalNotice));
            var record = SnapshotResolver.Resolve(await client.ListSnapshotsAsync(cancellationToken), result.GetValue(snapshot)!);
            var targetDirectory = result.GetValue(target)!;
            var restorer = new Restorer(client, new RestoreOptions { ShowProgress = ProgressMeter.TerminalAttached });
            var outcome = await restorer.RestoreAsync(SnapshotResolver.RootOf(record), result.GetValue(include),
                Encoding.UTF8.GetBytes(targetDirectory), cancellationToken);
            foreach (var problem in outcome.Problems)
                Console.Error.WriteLine($"costor-agent: {problem}");
            Console.Error.WriteLine(
                $"restored {outcome.Files} files, {outcome.Directories} directories, {ProgressMeter.Size(outcome.Bytes)} from snapshot {SnapshotResolver.Short(record.Id)} into {targetDirectory}");
            if (outcome.ExitCode != AgentCommands.Ok)
                Console.Error.WriteLine($"costor-agent: restore incomplete: {outcome.Problems.Count} entries could not be restored");
            return outcome.ExitCode;
        }));
        return command;
    }
}
