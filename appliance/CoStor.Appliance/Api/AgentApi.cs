using CoStor.Appliance.Authentication;
using CoStor.Appliance.Configuration;
using System.Threading.RateLimiting;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Api;

/// <summary>
/// The agent API under <c>/api/v1</c>: enrolment and the CA certificate are open to anyone (the token is the
/// credential); everything else is one route group that requires <see cref="CallerPolicies.Agent"/>.
/// </summary>
public static class AgentApi
{
    public const string Prefix = "/api/v1";

    /// <summary>The rate-limiter policy on enrolment: a token bucket per remote address.</summary>
    public const string EnrolAttempts = "enrol-attempts";

    public static IServiceCollection AddAgentApi(this IServiceCollection services, LimitsConfig limits)
    {
        services.AddRateLimiter(options =>
        {
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(ApiErrors.Error(StatusCodes.Status429TooManyRequests, "too many enrolment attempts from this address; wait a minute")
                    .ExecuteAsync(rejected.HttpContext));
            };
            options.AddPolicy(EnrolAttempts, context => RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.EnrolAttemptsPerMinute,
                    TokensPerPeriod = limits.EnrolAttemptsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddSingleton(sp => new KeyRateLimiter(sp.GetRequiredService<TimeProvider>(), limits.KeyRequestsPerMinute, limits.KeyBurst, limits.KeyRequestsPerDay));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ProtocolJsonContext.Default));
        return services;
    }

    public static void MapAgentApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Prefix).AllowAnonymous().MapEnrolment();
        var agents = app.MapGroup(Prefix).RequireAuthorization(CallerPolicies.Agent)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), [ApiDocument.Json]));
        agents.MapKeys();
        agents.MapBlobs();
        agents.MapSnapshots();
    }
}
