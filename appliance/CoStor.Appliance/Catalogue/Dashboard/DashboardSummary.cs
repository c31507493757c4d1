namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>The dashboard: problems first (most urgent first), then every agent's row by name, the totals and the 90-day storage trend.</summary>
public sealed record DashboardSummary(IReadOnlyList<DashboardProblem> Problems, IReadOnlyList<AgentDashboardRow> Agents, DashboardTotals Totals, IReadOnlyList<StoragePoint> Trend);
