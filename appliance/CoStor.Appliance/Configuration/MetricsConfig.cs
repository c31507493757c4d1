namespace CoStor.Appliance.Configuration;

/// <summary><c>[metrics]</c>: who may scrape <c>/metrics</c>.</summary>
/// <param name="TokenFile">
/// File holding the bearer token a scraper must send (<c>metrics.token_file</c>). The appliance creates it with
/// a random token when it does not exist; null means <c>metrics.token</c> in the data directory.
/// </param>
public sealed record MetricsConfig(string? TokenFile)
{
    public static MetricsConfig Default { get; } = new(TokenFile: null);
}
