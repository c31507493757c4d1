using CoStor.Appliance.Authentication;
using CoStor.Core.Protocol;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CoStor.Appliance.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: JSON bodies and replies come from each endpoint's
/// <c>Accepts</c>/<c>Produces</c> metadata; binary bodies (<see cref="BinaryBody"/>), the bearer schemes and
/// the 401 reply of every protected route are added here, so the document states who may call what.
/// </summary>
public static class ApiDocument
{
    public const string Json = "application/json";
    public const string Binary = "application/octet-stream";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeOperation);
        });

    /// <summary>States that a route's body is binary (raw bytes, not JSON), with what the bytes are.</summary>
    public static RouteHandlerBuilder AcceptsBinary(this RouteHandlerBuilder route, string description) =>
        route.WithMetadata(new BinaryBody(description));

    /// <summary>States that a route's 200 reply is binary, with what the bytes are.</summary>
    public static RouteHandlerBuilder ProducesBinary(this RouteHandlerBuilder route, string description) =>
        route.WithMetadata(new BinaryReply(description));

    /// <summary>Adds an <see cref="ErrorResponse"/> reply for each status.</summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
            route.Produces<ErrorResponse>(status, Json);
        return route;
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "CoStor appliance API";
        document.Info.Description = "The agent API (enrolment, chunk keys, blob upload and read, snapshot commit and listing), the "
            + "peer API (/peer/v1, replication between sites) and the monitoring endpoints. Binary formats (frame streams, 32-byte id lists) are specified in docs/protocol.md.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [CallerSchemes.AgentBearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An enrolled agent: 'Authorization: Bearer <agentId>.<credential>' from POST /api/v1/enrol.",
            },
            [CallerSchemes.PeerCertificate] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.MutualTLS,
                Description = "A configured peer site: a TLS client certificate issued by its CA (CN = its site name), pinned by fingerprint in [[peers]].",
            },
            [CallerSchemes.ScrapeToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A metrics scraper: 'Authorization: Bearer <token>' (costor-appliance metrics token).",
            },
        };
        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<BinaryBody>().LastOrDefault() is { } body)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = body.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [Binary] = new() { Schema = BinarySchema() } },
            };
        if (metadata.OfType<BinaryReply>().LastOrDefault() is { } reply)
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = reply.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [Binary] = new() { Schema = BinarySchema() } },
            };
        }
        var scheme = SchemeFor(metadata);
        if (scheme is not null && context.Document is { } document)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing, unknown or revoked credential" });
        }
        return Task.CompletedTask;
    }

    /// <summary>The scheme a route's authorization policy requires, or null for an anonymous route.</summary>
    private static string? SchemeFor(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
            return null;
        return metadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault() switch
        {
            CallerPolicies.Agent => CallerSchemes.AgentBearer,
            CallerPolicies.Scraper => CallerSchemes.ScrapeToken,
            CallerPolicies.Peer => CallerSchemes.PeerCertificate,
            _ => null,
        };
    }

    private static OpenApiSchema BinarySchema() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private sealed record BinaryBody(string Description);

    private sealed record BinaryReply(string Description);
}
