namespace CoStor.Appliance.Hosting;

/// <summary>The settings the host runs with, resolved from the config file, the command line and defaults.</summary>
public sealed record ApplianceOptions(
    string DataDir,
    string SiteName,
    string Urls,
    int KeyRequestsPerMinute,
    int KeyBurst,
    int KeyRequestsPerDay,
    int MaxUploadConcurrency,
    TimeSpan TokenLifetime,
    string? MetricsTokenFile);
