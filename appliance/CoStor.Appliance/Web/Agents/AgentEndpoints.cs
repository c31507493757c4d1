using RazorSlices;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Agents;
using CoStor.Web.Errors;

namespace CoStor.Appliance.Web.Agents;

/// <summary>
/// <c>/agents/{id}</c>: one PC and its snapshot timeline (operators' changes are in <see cref="AgentChangeEndpoints"/>).
/// An agent a person may not see answers 404 like one that does not exist, so guessing ids tells nothing.
/// </summary>
public static class AgentEndpoints
{
    public static void MapAgent(this IEndpointRouteBuilder people, IEndpointRouteBuilder operators)
    {
        people.MapGet("/agents/{id}", Show);
        operators.MapAgentChanges();
    }

    private static IResult Show(string id, HttpContext context, PersonCaller person, PageFrames frames, AgentStore agents, SnapshotStore snapshots,
        AgentVisibility visibility, string? done) =>
        Render(id, context, person, frames, agents, snapshots, visibility, null, AgentChangeEndpoints.Notice(done));

    internal static RazorSlice Render(string id, HttpContext context, PersonCaller person, PageFrames frames, AgentStore agents, SnapshotStore snapshots,
        AgentVisibility visibility, string? error, string? notice)
    {
        if (!visibility.CanSee(person, id) || agents.Find(id) is not { } agent)
            return NotFound(context, frames);
        var detail = new AgentDetail(agent.Id, agent.Name, agent.Host, agent.Group, agent.EnrolledAt, agent.LastSeenAt, agent.RevokedAt,
            (int)agent.ExpectedInterval.TotalHours);
        return AgentPage.Create(new AgentView(frames.For(context, agent.Name, "agents"), detail, Timeline(snapshots.List(agent.Id)),
            person.Role is "admin" or "operator", [.. agents.Groups().Select(group => group.Name)], error, notice));
    }

    /// <summary>Newest first; each snapshot's change is its logical size against the one before it.</summary>
    private static List<SnapshotRow> Timeline(IReadOnlyList<CoStor.Core.Protocol.SnapshotRecord> oldestFirst)
    {
        var rows = new List<SnapshotRow>(oldestFirst.Count);
        for (var i = oldestFirst.Count - 1; i >= 0; i--)
        {
            var snapshot = oldestFirst[i];
            long? change = i > 0 ? snapshot.Stats.Bytes - oldestFirst[i - 1].Stats.Bytes : null;
            rows.Add(new SnapshotRow(snapshot.Id, snapshot.FinishedAt, snapshot.Status, snapshot.Stats.Files, snapshot.Stats.Bytes, change,
                snapshot.Unreadable.Count, snapshot.Paths));
        }
        return rows;
    }

    internal static RazorSlice NotFound(HttpContext context, PageFrames frames)
    {
        return MessagePage.Create(new MessageView(frames.For(context, "Not found", "agents"), "Not found", "There is no such PC, or it is not yours to see.")).WithStatus(StatusCodes.Status404NotFound);
    }
}
