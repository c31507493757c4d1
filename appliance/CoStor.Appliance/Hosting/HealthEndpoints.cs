namespace CoStor.Appliance.Hosting;

/// <summary>
/// <c>/healthz</c> for supervisors (open; says only that the process serves) and <c>/metrics</c> in Prometheus
/// text format, for a scraper holding the <see cref="ScrapeCredential"/> only: the counters describe every
/// agent's uploads, and agents must not learn from them what other PCs hold.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", IResult () => TypedResults.Text("ok\n")).WithSummary("Liveness");
        app.MapGet("/metrics", IResult (HttpContext context, ScrapeCredential scrape, ApplianceMetrics metrics) =>
        {
            if (!scrape.Accepts(context.Request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"costor-metrics\"";
                return TypedResults.Text("metrics need the scrape token: 'Authorization: Bearer <token>' (costor-appliance metrics token)\n",
                    statusCode: StatusCodes.Status401Unauthorized);
            }
            return TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4");
        }).WithSummary("Prometheus metrics (bearer scrape token)");
    }
}
