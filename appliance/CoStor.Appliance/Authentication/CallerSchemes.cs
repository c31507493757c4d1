namespace CoStor.Appliance.Authentication;

/// <summary>
/// One authentication scheme per kind of caller, and one authorization policy per kind, applied to route
/// groups (never checked inside a handler). People (cookie, web UI) and peers (client certificate pinned by
/// fingerprint, replication) get their schemes and policies here when those features arrive.
/// </summary>
public static class CallerSchemes
{
    /// <summary>An enrolled PC: <c>Authorization: Bearer &lt;agentId&gt;.&lt;credential&gt;</c>.</summary>
    public const string AgentBearer = "agent-bearer";

    /// <summary>A Prometheus scraper: <c>Authorization: Bearer &lt;scrape token&gt;</c>.</summary>
    public const string ScrapeToken = "scrape-token";
}

/// <summary>Authorization policy names, one per kind of caller (see <see cref="CallerSchemes"/>).</summary>
public static class CallerPolicies
{
    public const string Agent = "agent";
    public const string Scraper = "scraper";
}
