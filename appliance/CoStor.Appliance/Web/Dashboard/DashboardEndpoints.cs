using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Dashboard;

namespace CoStor.Appliance.Web.Dashboard;

/// <summary><c>GET /</c>: problems first, then every PC with its last backup.</summary>
public static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder people) => people.MapGet("/", Show);

    private static IResult Show(HttpContext context, PageFrames frames, AgentStore agents, SnapshotStore snapshots)
    {
        var rows = agents.List().Select(agent =>
        {
            var last = snapshots.List(agent.Id).LastOrDefault();
            return new AgentRow(agent.Id, agent.Name, agent.Host, last?.FinishedAt, last?.Status, agent.RevokedAt is not null);
        }).ToList();
        return DashboardPage.Create(new DashboardView(frames.For(context, "Dashboard", "dashboard"), rows));
    }
}
