using System.CommandLine;
using CoStor.Agent.Backup;
using CoStor.Agent.Client;
using CoStor.Agent.Progress;
using CoStor.Agent.State;

namespace CoStor.Agent.Cli;

/// <summary>
/// The agent's command line (contract in ARCHITECTURE.md). Results a script reads (the snapshot id of
/// <c>backup</c>) go to stdout; progress and messages to stderr. Exit codes: 0 ok, 1 failed, 3 partial.
/// </summary>
public static class AgentCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Partial = 3;

    public static RootCommand Build()
    {
        var state = new Option<string?>("--state") { Description = $"state directory (default {StateDirectory.DefaultRoot})", Recursive = true };
        var root = new RootCommand("CoStor agent: back up this PC to its site appliance") { state };
        root.Subcommands.Add(Enrol(state));
        root.Subcommands.Add(Backup(state));
        root.Subcommands.Add(SnapshotsCommand.Create(state));
        root.Subcommands.Add(LsCommand.Create(state));
        root.Subcommands.Add(RestoreCommand.Create(state));
        root.Subcommands.Add(RunCommand.Create(state, TimeProvider.System));
        return root;
    }

    public static StateDirectory StateOf(ParseResult result, Option<string?> state) =>
        new(result.GetValue(state) ?? StateDirectory.DefaultRoot);

    /// <summary>For backup and run: <see cref="BackupOptions.OneFileSystem"/>.</summary>
    public static Option<bool> OneFileSystemOption() => new("--one-file-system", "-x")
    {
        Description = "stay on the file systems of the paths given: record mount points below them, not their contents",
    };

    /// <summary>Seconds the long-running verbs (backup, restore, run) keep trying while the appliance is unreachable.</summary>
    public static Option<int> RetryForOption() => new("--retry-for")
    {
        Description = "seconds to keep trying while the appliance is unreachable, e.g. restarting (default 120; 0 fails at once)",
        DefaultValueFactory = _ => 120,
    };

    /// <summary>
    /// The retry policy the option asks for. <paramref name="notice"/> hears each retry (a terminal or a log);
    /// without it retries are silent, as the CLI prints only results and errors when nobody watches.
    /// </summary>
    public static RetryPolicy RetryPolicyOf(ParseResult result, Option<int> retryFor, Action<string>? notice)
    {
        var seconds = result.GetValue(retryFor);
        if (seconds < 0)
            throw new AgentException("--retry-for must be 0 or more seconds");
        return new RetryPolicy(TimeSpan.FromSeconds(seconds), notice);
    }

    /// <summary>Retry notices on a terminal, as "costor-agent: …" lines; none otherwise.</summary>
    public static Action<string>? TerminalNotice => ProgressMeter.TerminalAttached ? message => Console.Error.WriteLine($"costor-agent: {message}") : null;

    private static Command Enrol(Option<string?> state)
    {
        var appliance = new Option<string>("--appliance") { Description = "appliance URL, e.g. https://costor.local:8443", Required = true };
        var token = new Option<string>("--token") { Description = "one-time token from 'costor-appliance token create'", Required = true };
        var fingerprint = new Option<string?>("--fingerprint") { Description = "site CA fingerprint from 'costor-appliance fingerprint'" };
        var name = new Option<string?>("--name") { Description = "name of this PC in the appliance (default: host name)" };
        var command = new Command("enrol", "Enrol this PC with the site appliance (once)") { appliance, token, fingerprint, name };
        command.SetAction((result, cancellationToken) => Guard(async () =>
        {
            var directory = StateOf(result, state);
            if (directory.IsEnrolled)
                throw new AgentException($"already enrolled ({directory.IdentityPath}); use another --state to enrol a second agent");
            var identity = await Enrolment.EnrolAsync(directory, result.GetValue(appliance)!, result.GetValue(token)!,
                result.GetValue(fingerprint), result.GetValue(name) ?? System.Net.Dns.GetHostName(), cancellationToken);
            Console.Error.WriteLine($"enrolled as agent {identity.AgentId} ('{identity.Name}') with site '{identity.Site}'");
            return Ok;
        }));
        return command;
    }

    private static Command Backup(Option<string?> state)
    {
        var paths = new Argument<string[]>("path") { Description = "files or directories to back up", Arity = ArgumentArity.OneOrMore };
        var retryFor = RetryForOption();
        var oneFileSystem = OneFileSystemOption();
        var command = new Command("backup", "Back up paths; prints the snapshot id") { paths, oneFileSystem, retryFor };
        command.SetAction((result, cancellationToken) => Guard(async () =>
        {
            var directory = StateOf(result, state);
            using var client = ApplianceClient.ForState(directory, RetryPolicyOf(result, retryFor, TerminalNotice));
            var engine = new BackupEngine(client, directory, directory.LoadIdentity());
            var outcome = await engine.RunAsync(result.GetValue(paths)!, new BackupOptions(ProgressMeter.TerminalAttached, result.GetValue(oneFileSystem)), cancellationToken);
            Console.Out.WriteLine(outcome.Snapshot.Id);
            if (outcome.Partial)
                Console.Error.WriteLine($"snapshot {outcome.Snapshot.Id} is partial: {outcome.Snapshot.Stats.UnreadableCount} entries could not be saved as they were");
            return outcome.Partial ? Partial : Ok;
        }));
        return command;
    }

    /// <summary>The one place failures become a single stderr line (<paramref name="errors"/>, default stderr) and exit code 1.</summary>
    public static async Task<int> Guard(Func<Task<int>> action, TextWriter? errors = null)
    {
        errors ??= Console.Error;
        try
        {
            return await action();
        }
        catch (Exception e) when (FailureMessages.Expected(e) is { } failure)
        {
            errors.WriteLine($"costor-agent: {FailureMessages.Describe(failure)}");
            return Failed;
        }
    }
}
