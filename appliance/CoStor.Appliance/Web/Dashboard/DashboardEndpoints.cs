using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue.Dashboard;
using CoStor.Appliance.Catalogue.ReplicationStatus;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Web.Replication;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Charts;
using CoStor.Web.Dashboard;

namespace CoStor.Appliance.Web.Dashboard;

/// <summary>
/// <c>GET /</c>: problems first (overdue, never backed up, partial, storage nearly full; for operators, replication), the store's figures and its
/// 90-day trend, then every PC the person may see with its 30-day calendar. htmx refreshes <c>#dashboard</c> each minute.
/// </summary>
public static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder people) => people.MapGet("/", Show);

    private static IResult Show(HttpContext context, PersonCaller person, PageFrames frames, DashboardQueries queries, AgentVisibility visibility,
        ReplicationStatusQueries replication, SiteContext site, TimeProvider time)
    {
        var visible = visibility.VisibleTo(person);
        var capacity = StoreCapacity(site);
        var summary = queries.Summary(new DashboardRequest(CapacityBytes: capacity, VisibleAgents: visible));
        var calendars = queries.Calendars(visible: visible);
        // Replication is operators' business (its page is theirs); problems stay in order of urgency, kind by kind.
        IReadOnlyList<DashboardProblem> problems = person.Role is "admin" or "operator"
            ? [.. summary.Problems.Concat(replication.Problems(ReplicationEndpoints.Request(site, context.RequestServices))).OrderBy(p => p.Kind)]
            : summary.Problems;
        var body = new DashboardBody(
            [.. problems.Select(p => new ProblemItem(p.Message, p.AgentId, p.AgentName, p.Kind is DashboardProblemKind.StorageNearlyFull or DashboardProblemKind.Overdue,
                p.Kind is DashboardProblemKind.ProofFailed or DashboardProblemKind.FewProvenCopies or DashboardProblemKind.PeerUnreached ? "/replication" : null))],
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
