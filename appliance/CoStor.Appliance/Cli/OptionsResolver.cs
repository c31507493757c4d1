using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;

namespace CoStor.Appliance.Cli;

/// <summary>Command line over config file over embedded defaults (ConfigLoader.Load(null) gives the defaults).</summary>
public static class OptionsResolver
{
    public static ApplianceOptions Resolve(string? configPath, string? dataDir, string? urls, string? siteName)
    {
        var config = ConfigLoader.Load(configPath);
        return new ApplianceOptions(
            DataDir: dataDir ?? config.Server.DataDir,
            SiteName: siteName ?? config.Site.Name,
            Urls: urls ?? string.Join(';', config.Server.Urls),
            KeyRequestsPerMinute: config.Limits.KeyRequestsPerMinute,
            KeyBurst: config.Limits.KeyBurst,
            KeyRequestsPerDay: config.Limits.KeyRequestsPerDay,
            MaxUploadConcurrency: config.Limits.MaxUploadConcurrency,
            TokenLifetime: config.Enrolment.TokenTtl,
            MetricsTokenFile: config.Metrics.TokenFile);
    }
}
