using CoStor.Web.Charts;

namespace CoStor.Web.Dashboard;

/// <summary>Problems first, then the site's figures and storage trend, then every PC with its 30-day calendar.</summary>
public sealed record DashboardBody(IReadOnlyList<ProblemItem> Problems, SiteFigures Figures, StorageTrend Trend,
    IReadOnlyList<DashboardAgent> Agents, DateTimeOffset Now);
