using CoStor.Appliance.Catalogue;
using CoStor.Web.Agents;

namespace CoStor.Appliance.Web.Agents;

/// <summary>Builds the PCs list rows: filtered to what a person may see, searched by name or host, sorted.</summary>
public sealed class AgentRows(AgentStore agents, SnapshotStore snapshots)
{
    public IReadOnlyList<AgentListRow> For(IReadOnlySet<string>? visible, string? query, string sort)
    {
        var rows = agents.List()
            .Where(agent => visible is null || visible.Contains(agent.Id))
            .Where(agent => string.IsNullOrWhiteSpace(query)
                || agent.Name.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase) || agent.Host.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(agent =>
            {
                var last = snapshots.List(agent.Id).LastOrDefault();
                return new AgentListRow(agent.Id, agent.Name, agent.Host, null, agent.LastSeenAt, last?.FinishedAt, last?.Status, agent.RevokedAt is not null);
            });
        return sort switch
        {
            "backup" => [.. rows.OrderBy(row => row.LastBackupAt ?? DateTimeOffset.MinValue).ThenBy(row => row.Name, StringComparer.OrdinalIgnoreCase)],
            "seen" => [.. rows.OrderByDescending(row => row.LastSeenAt ?? DateTimeOffset.MinValue).ThenBy(row => row.Name, StringComparer.OrdinalIgnoreCase)],
            _ => [.. rows.OrderBy(row => row.Name, StringComparer.OrdinalIgnoreCase)],
        };
    }
}
