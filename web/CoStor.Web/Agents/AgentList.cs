namespace CoStor.Web.Agents;

/// <summary>The list fragment (<c>#agent-list</c>), re-rendered alone when htmx searches or sorts.</summary>
public sealed record AgentList(IReadOnlyList<AgentListRow> Rows, string? Query, string Sort, DateTimeOffset Now);
