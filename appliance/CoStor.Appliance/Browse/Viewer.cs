namespace CoStor.Appliance.Browse;

/// <summary>
/// Who is looking: <paramref name="Actor"/> is what the audit log records (a user name, or "cli"), and
/// <paramref name="Agents"/> the agents whose snapshots this person may see (null: every agent). The web edge
/// builds it from the signed-in person's roles, with the client's <paramref name="Address"/> for the audit log; services refuse — as "not found" — any snapshot outside it.
/// </summary>
public sealed record Viewer(string Actor, IReadOnlySet<string>? Agents, string? Address = null)
{
    public bool CanSee(string agentId) => Agents is null || Agents.Contains(agentId);
}
