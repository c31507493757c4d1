using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue.Dashboard;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Charts;
using CoStor.Web.Dashboard;

namespace CoStor.Appliance.Web.Dashboard;

/// <summary>
/// <c>GET /</c>: problems first (overdue, never backed up, partial, storage nearly full), the store's figures and its
/// 90-day trend, then every PC the person may see with its 30-day calendar. htmx refreshes <c>#dashboard</c> each minute.
/// </summary>
public static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder people) => people.MapGet("/", Show);

    private static IResult Show(HttpContext context, PersonCaller person, PageFrames frames, DashboardQueries queries, AgentVisibility visibility,
        SiteContext site, TimeProvider time)
    {
        var visible = visibility.VisibleTo(person);
        var capacity = StoreCapacity(site);
        var summary = queries.Summary(new DashboardRequest(CapacityBytes: capacity, VisibleAgents: visible));
        var calendars = queries.Calendars(visible: visible);
        var body = new DashboardBody(
            [.. summary.Problems.Select(p => new ProblemItem(p.Message, p.AgentId, p.AgentName, p.Kind is DashboardProblemKind.StorageNearlyFull or DashboardProblemKind.Overdue))],
            new SiteFigures(summary.Totals.Agents, summary.Totals.Snapshots, summary.Totals.StoredBytes, summary.Totals.LatestLogicalBytes, summary.Totals.DedupRatio,
                capacity),
            new StorageTrend([.. summary.Trend.Select(point => new TrendPoint(point.Day, point.StoredBytes))], capacity),
            [.. summary.Agents.Select(agent => new DashboardAgent(agent.Id, agent.Name, agent.Group, agent.Last?.FinishedAt, agent.Last?.Status, agent.Last?.Bytes,
                agent.BytesChange, agent.Overdue, agent.RevokedAt is not null,
                calendars.TryGetValue(agent.Id, out var days) ? [.. days.Select(day => new CoStor.Web.Charts.CalendarDay(day.Day, day.State.ToString().ToLowerInvariant()))] : []))],
            time.GetUtcNow());
        context.Response.VaryOnHtmx();
        if (context.Request.IsHtmx())
            return _DashboardBody.Create(body);
        return DashboardPage.Create(new DashboardView(frames.For(context, "Dashboard", "dashboard"), body));
    }

    /// <summary>The size of the disk the packs are on (an appliance's data disk holds little else); null when unknown.</summary>
    private static long? StoreCapacity(SiteContext site)
    {
        try
        {
            return new DriveInfo(site.Data.Root).TotalSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
