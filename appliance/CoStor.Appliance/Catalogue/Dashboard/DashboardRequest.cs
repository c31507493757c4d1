namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>
/// What the dashboard is asked for. <see cref="CapacityBytes"/>: the pack store's capacity (the caller knows the
/// disk); storage counts as nearly full at <see cref="NearlyFullFraction"/> of it. <see cref="Zone"/>: whose days the
/// trend and calendars count in (default UTC). <see cref="VisibleAgents"/>: a restorer's agents
/// (<c>UserStore.VisibleAgents</c>); null shows every agent.
/// </summary>
public sealed record DashboardRequest(long? CapacityBytes = null, double NearlyFullFraction = 0.9, TimeZoneInfo? Zone = null, IReadOnlySet<string>? VisibleAgents = null)
{
    public const int TrendDays = 90, CalendarDays = 30;
}
