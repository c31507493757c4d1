using CoStor.Appliance.Authentication;

namespace CoStor.Appliance.Hosting;

/// <summary>
/// <c>/healthz</c> for supervisors (open; says only that the process serves) and <c>/metrics</c> in Prometheus
/// text format for the <see cref="CallerPolicies.Scraper"/> only: the counters describe every agent's uploads,
/// and agents must not learn from them what other PCs hold.
/// </summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services, ScrapeCredential scrape)
    {
        services.AddSingleton<ApplianceMetrics>();
        services.AddSingleton(scrape);
        return services;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", IResult () => TypedResults.Text("ok\n")).WithSummary("Liveness").AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/metrics", IResult (ApplianceMetrics metrics) => TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4"))
            .WithSummary("Prometheus metrics (bearer scrape token)").RequireAuthorization(CallerPolicies.Scraper)
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
    }
}
