namespace CoStor.Appliance.Authentication;

/// <summary>
/// One authentication scheme per kind of caller, and one authorization policy per kind, applied to route
/// groups (never checked inside a handler).
/// </summary>
public static class CallerSchemes
{
    /// <summary>An enrolled PC: <c>Authorization: Bearer &lt;agentId&gt;.&lt;credential&gt;</c>.</summary>
    public const string AgentBearer = "agent-bearer";

    /// <summary>A Prometheus scraper: <c>Authorization: Bearer &lt;scrape token&gt;</c>.</summary>
    public const string ScrapeToken = "scrape-token";

    /// <summary>A person signed in to the web UI: the session cookie (<see cref="PersonSessionHandler.CookieName"/>).</summary>
    public const string PersonSession = "person-session";

    /// <summary>A peer site: a TLS client certificate issued by its CA, whose fingerprint is pinned in <c>[[peers]]</c>.</summary>
    public const string PeerCertificate = "peer-certificate";
}

/// <summary>Authorization policy names, one per kind of caller (see <see cref="CallerSchemes"/>).</summary>
public static class CallerPolicies
{
    public const string Agent = "agent";
    public const string Scraper = "scraper";

    /// <summary>A configured peer site (replication, <c>/peer/v1</c>); no other caller is admitted there.</summary>
    public const string Peer = "peer";

    /// <summary>Any signed-in person (admin, operator or restorer; what a restorer sees is narrowed by grants).</summary>
    public const string Person = "person";

    /// <summary>Admins and operators: agents, enrolment, every agent's snapshots and restores.</summary>
    public const string Operator = "operator";

    /// <summary>Admins only: users, roles, the audit log.</summary>
    public const string Admin = "admin";
}
