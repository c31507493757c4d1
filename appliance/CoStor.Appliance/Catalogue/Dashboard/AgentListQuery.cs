namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>
/// The agent list's search and order. <see cref="Search"/>: a substring of the name or host (case-insensitive for
/// ASCII); <see cref="Group"/>: only agents in that group; <see cref="VisibleAgents"/>: a restorer's agents (null: all).
/// </summary>
public sealed record AgentListQuery(string? Search = null, AgentSort Sort = AgentSort.Name, bool Descending = false, string? Group = null,
    IReadOnlySet<string>? VisibleAgents = null);
