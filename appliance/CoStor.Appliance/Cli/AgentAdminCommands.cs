using System.CommandLine;
using System.Globalization;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;

namespace CoStor.Appliance.Cli;

/// <summary><c>agent list</c>, <c>agent revoke ID</c> and <c>agent rename ID NAME</c>: the enrolled PCs, taking one's credential away, naming one.</summary>
public static class AgentAdminCommands
{
    public static Command Build(Func<ParseResult, ApplianceConfig> resolve, TimeProvider time)
    {
        var list = new Command("list", "List enrolled agents: id, name, host, enrolled, last seen, status");
        list.SetAction(result => ApplianceCommands.Run(() => List(Open(resolve(result), time))));

        var id = new Argument<string>("id") { Description = "the agent's id (from 'agent list')" };
        var revoke = new Command("revoke", "Revoke an agent: its next request is refused; its snapshots stay") { id };
        revoke.SetAction(result => ApplianceCommands.Run(() => Revoke(Open(resolve(result), time), result.GetValue(id)!)));

        var name = new Argument<string>("name") { Description = "the new display name (1-128 printable characters)" };
        var rename = new Command("rename", "Give an agent a new display name") { id, name };
        rename.SetAction(result => ApplianceCommands.Run(() => Rename(Open(resolve(result), time), result.GetValue(id)!, result.GetValue(name)!)));

        return new Command("agent", "Enrolled agents (PCs)") { list, revoke, rename };
    }

    private static AgentStore Open(ApplianceConfig config, TimeProvider time)
    {
        var database = CatalogueDatabase.Open(ApplianceCommands.RequireSite(config).CataloguePath);
        return new AgentStore(database, new AuditLog(database, time), time);
    }

    private static int List(AgentStore agents)
    {
        var output = Console.Out;
        output.WriteLine($"{"ID",-16}  {"NAME",-20}  {"HOST",-20}  {"ENROLLED",-16}  {"LAST SEEN",-16}  STATUS");
        foreach (var agent in agents.List())
        {
            var status = agent.RevokedAt is { } revoked ? $"revoked {Time(revoked)}" : "active";
            output.WriteLine($"{agent.Id,-16}  {agent.Name,-20}  {agent.Host,-20}  {Time(agent.EnrolledAt),-16}  {(agent.LastSeenAt is { } seen ? Time(seen) : "never"),-16}  {status}");
        }
        return 0;
    }

    private static int Revoke(AgentStore agents, string id)
    {
        var agent = agents.Revoke(id, "cli") ?? throw new ApplianceException($"no agent with id '{id}' (see 'costor-appliance agent list')");
        Console.Error.WriteLine($"revoked agent {agent.Id} ({agent.Name}) on {Time(agent.RevokedAt!.Value)} UTC; its snapshots stay and can still be restored by an admin");
        return 0;
    }

    private static int Rename(AgentStore agents, string id, string name)
    {
        if (agents.Rename(id, name, "cli") is { } error)
            throw new ApplianceException(error);
        Console.Error.WriteLine($"agent {id} is now '{agents.Find(id)!.Name}'");
        return 0;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
