using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CoStor.Agent.Client;
using CoStor.Agent.Progress;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Cli;

/// <summary>
/// <c>costor-agent snapshots [--json]</c>: this agent's snapshots, oldest first, as a table on stdout
/// (id prefix, finished time UTC, host, status, files, size, paths), or with <c>--json</c> the JSON array
/// of <see cref="SnapshotRecord"/> exactly as the appliance sent it.
/// </summary>
public static class SnapshotsCommand
{
    public static Command Create(Option<string?> stateOption)
    {
        var json = new Option<bool>("--json") { Description = "print the snapshot records as a JSON array" };
        var command = new Command("snapshots", "List this agent's snapshots") { json };
        command.SetAction((result, cancellationToken) => AgentCommands.Guard(async () =>
        {
            using var client = ApplianceClient.ForState(AgentCommands.StateOf(result, stateOption));
            var snapshots = (await client.ListSnapshotsAsync(cancellationToken)).OrderBy(s => s.FinishedAt).ToList();
            if (result.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize<IReadOnlyList<SnapshotRecord>>(snapshots, ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord));
            else
                WriteTable(Console.Out, snapshots);
            return AgentCommands.Ok;
        }));
        return command;
    }

    /// <summary>The human table; an empty list prints a one-line note instead.</summary>
    public static void WriteTable(TextWriter output, IReadOnlyList<SnapshotRecord> snapshots)
    {
        if (snapshots.Count == 0)
        {
            output.WriteLine("no snapshots");
            return;
        }
        int hostWidth = Math.Max(4, snapshots.Max(s => s.Host.Length));
        output.WriteLine($"{"ID",-8}  {"FINISHED (UTC)",-19}  {"HOST".PadRight(hostWidth)}  {"STATUS",-8}  {"FILES",9}  {"SIZE",10}  PATHS");
        foreach (var s in snapshots)
        {
            var finished = s.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            output.WriteLine(
                $"{SnapshotResolver.Short(s.Id),-8}  {finished,-19}  {s.Host.PadRight(hostWidth)}  {s.Status,-8}  {s.Stats.Files,9}  {ProgressMeter.Size(s.Stats.Bytes),10}  {string.Join(' ', s.Paths)}");
        }
    }
}
