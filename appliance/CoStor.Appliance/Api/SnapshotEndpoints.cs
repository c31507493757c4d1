using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Commit;
using CoStor.Appliance.Hosting;
using CoStor.Core.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoStor.Appliance.Api;

/// <summary>Backup sessions, snapshot commit and listing for agents. An agent sees only its own snapshots.</summary>
public static class SnapshotEndpoints
{
    public static void MapSnapshots(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sessions", StartSession).WithSummary("Start a backup session (its start is appliance time)")
            .Produces<SessionResponse>(StatusCodes.Status200OK, ApiDocument.Json);
        app.MapPost("/snapshots", Commit).WithSummary("Commit a snapshot; refused unless every referenced blob is held for this agent")
            .Accepts<CommitRequest>(ApiDocument.Json).Produces<SnapshotRecord>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/snapshots", List).WithSummary("This agent's snapshots, oldest first, a page at a time (?after=<id>&limit=<1-1000>)")
            .Produces<IReadOnlyList<SnapshotRecord>>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        app.MapGet("/snapshots/{id}", Get).WithSummary("One of this agent's snapshots")
            .Produces<SnapshotRecord>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status404NotFound);
    }

    private static JsonHttpResult<SessionResponse> StartSession(AgentCaller agent, SessionStore sessions)
    {
        var session = sessions.Start(agent.Id);
        return TypedResults.Json(new SessionResponse(session.Id, session.StartedAt), ProtocolJsonContext.Default.SessionResponse);
    }

    private static async Task<Results<JsonHttpResult<SnapshotRecord>, JsonHttpResult<ErrorResponse>>> Commit(HttpContext context, AgentCaller agent,
        SnapshotCommitter committer, ApplianceMetrics metrics, CancellationToken cancellationToken)
    {
        var (request, error) = await ApiJson.ReadAsync(context.Request, ProtocolJsonContext.Default.CommitRequest, cancellationToken);
        if (request is null)
            return ApiErrors.BadRequest(error!);
        var outcome = await committer.CommitAsync(agent.Agent, request, cancellationToken);
        switch (outcome.Status)
        {
            case CommitStatus.Committed:
                metrics.SnapshotCommitted();
                return TypedResults.Json(outcome.Snapshot!, ProtocolJsonContext.Default.SnapshotRecord);
            case CommitStatus.Repeated:
                return TypedResults.Json(outcome.Snapshot!, ProtocolJsonContext.Default.SnapshotRecord);
            case CommitStatus.Refused:
                metrics.CommitRefused();
                return ApiErrors.Error(StatusCodes.Status422UnprocessableEntity, outcome.Error!, outcome.Problems);
            default:
                return ApiErrors.Error(outcome.Status switch
                {
                    CommitStatus.UnknownSession => StatusCodes.Status404NotFound,
                    CommitStatus.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                }, outcome.Error!);
        }
    }

    private static Results<JsonHttpResult<IReadOnlyList<SnapshotRecord>>, JsonHttpResult<ErrorResponse>> List(AgentCaller agent, SnapshotStore snapshots,
        string? after, int? limit)
    {
        if (limit is < 1 or > ProtocolLimits.MaxSnapshotsPerPage)
            return ApiErrors.BadRequest($"limit must be 1 to {ProtocolLimits.MaxSnapshotsPerPage}");
        if (after is not null && snapshots.Find(after)?.AgentId != agent.Id)
            return ApiErrors.NotFound($"snapshot {after} does not exist for this agent");
        return TypedResults.Json(snapshots.Page(agent.Id, after, limit ?? ProtocolLimits.MaxSnapshotsPerPage), ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord);
    }

    private static Results<JsonHttpResult<SnapshotRecord>, JsonHttpResult<ErrorResponse>> Get(string id, AgentCaller agent, SnapshotStore snapshots)
    {
        var snapshot = snapshots.Find(id);
        return snapshot is null || snapshot.AgentId != agent.Id
            ? ApiErrors.NotFound($"snapshot {id} does not exist for this agent")
            : TypedResults.Json(snapshot, ProtocolJsonContext.Default.SnapshotRecord);
    }
}
