using CoStor.Appliance.Catalogue.Dashboard;
using CoStor.Web.Agents;

namespace CoStor.Appliance.Web.Agents;

/// <summary>The PCs list rows: what a person may see, searched by name or host, in the order asked for.</summary>
public sealed class AgentRows(DashboardQueries queries)
{
    public static readonly string[] Sorts = ["name", "backup", "seen"];

    public IReadOnlyList<AgentListRow> For(IReadOnlySet<string>? visible, string? query, string sort)
    {
        var order = sort switch { "backup" => AgentSort.LastBackup, "seen" => AgentSort.LastSeen, _ => AgentSort.Name };
        return [.. queries.Agents(new AgentListQuery(string.IsNullOrWhiteSpace(query) ? null : query.Trim(), order, Descending: order != AgentSort.Name, VisibleAgents: visible))
            .Select(agent => new AgentListRow(agent.Id, agent.Name, agent.Host, agent.Group, agent.LastSeenAt, agent.Last?.FinishedAt, agent.Last?.Status,
                agent.RevokedAt is not null))];
    }
}
