namespace CoStor.Web.Dashboard;

public sealed record DashboardView(PageFrame Frame, IReadOnlyList<AgentRow> Agents);

public sealed record AgentRow(string Id, string Name, string Host, DateTimeOffset? LastBackupAt, string? LastStatus, bool Revoked);
