using System.CommandLine;
using CoStor.Agent.Backup;
using CoStor.Agent.Client;
using CoStor.Agent.FileSystem;
using CoStor.Agent.State;

namespace CoStor.Agent.Cli;

/// <summary>
/// <c>run</c>: the daemon. Backs up the given paths at once and then every <c>--every</c> minutes until stopped
/// (SIGTERM / Ctrl-C). A failed backup is logged and retried at the next slot; the daemon keeps running.
/// One line per backup on stderr, for the journal. Runs at background priority unless <c>--priority normal</c>
/// (<see cref="ProcessPriority"/>): scheduled backups happen while people use the PC.
/// </summary>
public static class RunCommand
{
    public static Command Create(Option<string?> stateOption, TimeProvider time)
    {
        var paths = new Argument<string[]>("path") { Description = "files or directories to back up", Arity = ArgumentArity.OneOrMore };
        var every = new Option<int>("--every") { Description = "minutes between backups (default 60)", DefaultValueFactory = _ => 60 };
        var priority = new Option<string>("--priority")
        {
            Description = "background (default: yields CPU and disk to the PC's users) or normal",
            DefaultValueFactory = _ => Background,
        };
        priority.AcceptOnlyFromAmong(Background, Normal);
        var retryFor = AgentCommands.RetryForOption();
        var oneFileSystem = AgentCommands.OneFileSystemOption();
        var command = new Command("run", "Run as a daemon: back up on a schedule") { paths, every, priority, oneFileSystem, retryFor };
        command.SetAction((result, cancellationToken) => AgentCommands.Guard(async () =>
        {
            var minutes = result.GetValue(every);
            if (minutes < 1)
                throw new AgentException("--every must be at least 1 minute");
            var state = AgentCommands.StateOf(result, stateOption);
            var identity = state.LoadIdentity();
            var retry = AgentCommands.RetryPolicyOf(result, retryFor, message => Console.Error.WriteLine($"{time.GetUtcNow():O} {message}"));
            if (result.GetValue(priority) == Background)
                foreach (var problem in ProcessPriority.LowerToBackground())
                    Console.Error.WriteLine($"{time.GetUtcNow():O} warning: running at normal priority ({problem})");
            while (!cancellationToken.IsCancellationRequested)
            {
                await BackupOnceAsync(state, identity, result.GetValue(paths)!, new BackupOptions(OneFileSystem: result.GetValue(oneFileSystem)), retry, time, cancellationToken);
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(minutes), time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            return AgentCommands.Ok;
        }));
        return command;
    }

    private const string Background = "background";
    private const string Normal = "normal";

    private static async Task BackupOnceAsync(StateDirectory state, AgentIdentity identity, string[] paths, BackupOptions options, RetryPolicy retry, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        try
        {
            using var client = ApplianceClient.ForState(state, retry);
            var outcome = await new BackupEngine(client, state, identity).RunAsync(paths, options, cancellationToken);
            Console.Error.WriteLine($"{started:O} backup {outcome.Snapshot.Id} {outcome.Snapshot.Status}: {outcome.Snapshot.Stats.Files} files, {outcome.Snapshot.Stats.NewBytes} new bytes");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        // The same failures as `backup` reports, logged as one line; the next scheduled backup tries again.
        catch (Exception e) when (FailureMessages.Expected(e) is { } failure)
        {
            Console.Error.WriteLine($"{started:O} backup failed: {FailureMessages.Describe(failure)}");
        }
    }
}
