using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Api;

/// <summary><c>POST /api/v1/enrol</c> (one-time token → agent credential and keys) and <c>GET /api/v1/ca</c>.</summary>
public static class EnrolEndpoints
{
    public static void MapEnrolment(this IEndpointRouteBuilder app)
    {
        app.MapPost("/enrol", Enrol).WithSummary("Enrol a new agent with a one-time token").RequireRateLimiting(AgentApi.EnrolAttempts)
            .Accepts<EnrolRequest>(ApiDocument.Json).Produces<EnrolResponse>(StatusCodes.Status200OK, ApiDocument.Json)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        app.MapGet("/ca", GetCaCertificate).WithSummary("The site CA certificate (PEM); pin its SHA-256 fingerprint")
            .Produces<string>(StatusCodes.Status200OK, "application/x-pem-file");
    }

    private static async Task<IResult> Enrol(HttpContext context, EnrolmentStore enrolment, SiteContext site, CancellationToken cancellationToken)
    {
        var (request, error) = await ApiJson.ReadAsync(context.Request, ProtocolJsonContext.Default.EnrolRequest, cancellationToken);
        if (request is null)
            return ApiErrors.BadRequest(error!);
        if (string.IsNullOrWhiteSpace(request.Token))
            return ApiErrors.BadRequest("token is required");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 128 || request.Name.Any(char.IsControl))
            return ApiErrors.BadRequest("name must be 1-128 printable characters");
        if (request.Host is null || request.Host.Length > 255 || request.Host.Any(char.IsControl))
            return ApiErrors.BadRequest("host must be at most 255 printable characters");
        var outcome = enrolment.Enrol(request.Token.Trim(), request.Name.Trim(), request.Host.Trim());
        if (outcome.Error is not null)
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, outcome.Error);
        var keyring = site.Keys.Keyring;
        return TypedResults.Json(new EnrolResponse(outcome.AgentId!, outcome.Credential!, site.Keys.SiteName,
                Convert.ToBase64String(keyring.MetadataKey(outcome.AgentId!)), Convert.ToBase64String(keyring.ChunkerSeed)),
            ProtocolJsonContext.Default.EnrolResponse);
    }

    private static IResult GetCaCertificate(SiteContext site) =>
        TypedResults.Text(site.Authority.Certificate.ExportCertificatePem(), "application/x-pem-file");
}
