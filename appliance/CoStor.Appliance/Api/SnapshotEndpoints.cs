using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Api;

/// <summary>Backup sessions, snapshot commit and listing for agents. An agent sees only its own snapshots.</summary>
public static class SnapshotEndpoints
{
    public static void MapSnapshots(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sessions", StartSession).WithSummary("Start a backup session (its start is appliance time)");
        app.MapPost("/api/v1/snapshots", Commit).WithSummary("Commit a snapshot; refused unless every referenced blob is held for this agent");
        app.MapGet("/api/v1/snapshots", List).WithSummary("This agent's snapshots, oldest first");
        app.MapGet("/api/v1/snapshots/{id}", Get).WithSummary("One of this agent's snapshots");
    }

    private static IResult StartSession(HttpContext context, EnrolmentStore enrolment, SessionStore sessions)
    {
        if (AgentAuthentication.Authenticate(context, enrolment) is not { } agent)
            return ApiErrors.Unauthorized();
        var session = sessions.Start(agent.Id);
        return TypedResults.Json(new SessionResponse(session.Id, session.StartedAt), ProtocolJsonContext.Default.SessionResponse);
    }

    private static async Task<IResult> Commit(HttpContext context, EnrolmentStore enrolment, SessionStore sessions, SnapshotCommitter committer,
        SnapshotStore snapshots, ApplianceMetrics metrics, CancellationToken cancellationToken)
    {
        if (AgentAuthentication.Authenticate(context, enrolment) is not { } agent)
            return ApiErrors.Unauthorized();
        var (request, error) = await ApiJson.ReadAsync(context.Request, ProtocolJsonContext.Default.CommitRequest, cancellationToken);
        if (request is null)
            return ApiErrors.BadRequest(error!);
        if (Validate(request) is { } invalid)
            return ApiErrors.BadRequest(invalid);
        var session = sessions.Find(request.SessionId);
        if (session is null || session.AgentId != agent.Id)
            return ApiErrors.NotFound($"session {request.SessionId} does not exist for this agent");
        if (session.SnapshotId is not null)
        {
            // The same commit again — an agent retrying after a reply it never received — gets the snapshot it made.
            if (snapshots.Find(session.SnapshotId) is { } committed && SameRoot(committed.Root, request.Root))
                return TypedResults.Json(committed, ProtocolJsonContext.Default.SnapshotRecord);
            return ApiErrors.Error(StatusCodes.Status409Conflict, $"session {session.Id} already committed snapshot {session.SnapshotId} with another root");
        }
        var root = new BlobRef(BlobId.Parse(request.Root.Id), BlobKey.Parse(request.Root.Key));
        var outcome = await committer.CommitAsync(agent, session, request, root, cancellationToken);
        if (outcome.Snapshot is null)
        {
            metrics.CommitRefused();
            return ApiErrors.Error(StatusCodes.Status422UnprocessableEntity, outcome.Error!, outcome.Problems);
        }
        metrics.SnapshotCommitted();
        return TypedResults.Json(outcome.Snapshot, ProtocolJsonContext.Default.SnapshotRecord);
    }

    private static bool SameRoot(BlobRefDto committed, BlobRefDto requested) =>
        string.Equals(committed.Id, requested.Id, StringComparison.OrdinalIgnoreCase) && string.Equals(committed.Key, requested.Key, StringComparison.OrdinalIgnoreCase);

    private static string? Validate(CommitRequest request)
    {
        if (string.IsNullOrEmpty(request.SessionId))
            return "sessionId is required";
        if (request.Root is null || !BlobId.TryParse(request.Root.Id, out _) || !BlobKey.TryParse(request.Root.Key, out _))
            return "root must have a 64-hex-digit id and key";
        if (request.Paths is null || request.Paths.Count == 0 || request.Paths.Count > 1000)
            return "paths must list 1 to 1000 backed-up paths";
        if (request.Host is null || request.Host.Length > 255)
            return "host must be at most 255 characters";
        if (request.Stats is null || request.Stats.Files < 0 || request.Stats.Bytes < 0)
            return "stats are required and must not be negative";
        if (request.Unreadable is null || request.Unreadable.Count > ProtocolLimits.MaxUnreadableListed)
            return $"unreadable must be a list of at most {ProtocolLimits.MaxUnreadableListed} entries (stats.unreadableCount counts them all)";
        if (request.Stats.UnreadableCount < request.Unreadable.Count)
            return "stats.unreadableCount must count at least the entries listed in unreadable";
        return null;
    }

    private static IResult List(HttpContext context, EnrolmentStore enrolment, SnapshotStore snapshots)
    {
        if (AgentAuthentication.Authenticate(context, enrolment) is not { } agent)
            return ApiErrors.Unauthorized();
        return TypedResults.Json(snapshots.List(agent.Id), ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord);
    }

    private static IResult Get(string id, HttpContext context, EnrolmentStore enrolment, SnapshotStore snapshots)
    {
        if (AgentAuthentication.Authenticate(context, enrolment) is not { } agent)
            return ApiErrors.Unauthorized();
        var snapshot = snapshots.Find(id);
        return snapshot is null || snapshot.AgentId != agent.Id
            ? ApiErrors.NotFound($"snapshot {id} does not exist for this agent")
            : TypedResults.Json(snapshot, ProtocolJsonContext.Default.SnapshotRecord);
    }
}
