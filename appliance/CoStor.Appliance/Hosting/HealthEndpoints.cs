namespace CoStor.Appliance.Hosting;

/// <summary><c>/healthz</c> for supervisors and <c>/metrics</c> in Prometheus text format.</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", IResult () => TypedResults.Text("ok\n")).WithSummary("Liveness");
        app.MapGet("/metrics", IResult (ApplianceMetrics metrics) => TypedResults.Text(metrics.Render(), "text/plain; version=0.0.4")).WithSummary("Prometheus metrics");
    }
}
