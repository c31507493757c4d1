namespace CoStor.Web.Dashboard;

/// <summary>The dashboard page; its body (<c>#dashboard</c>) refreshes itself through htmx.</summary>
public sealed record DashboardView(PageFrame Frame, DashboardBody Body);
