using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CoStor.Appliance.Cli;

/// <summary>
/// <c>serve</c>: creates the site on an empty data directory (printing the recovery key once), then runs
/// the host and prints where it listens and the CA fingerprint agents must pin.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ApplianceConfig config, TimeProvider time, ProcessSurroundings surroundings, CancellationToken cancellationToken)
    {
        var data = DataDirectory.For(config);
        string? recovery = null;
        IReadOnlySet<string> before = new HashSet<string>();
        try
        {
            using var serving = data.LockForServing();
            if (!data.SiteExists)
            {
                // Under systemd whatever is printed stays in the journal: the recovery key must not.
                if (surroundings.UnderServiceManager)
                    throw new ApplianceException($"no site in {data.Root}: run 'costor-appliance init --data {data.Root}' on a terminal first (it shows the recovery key once; a service's output is kept in its log)");
                before = SiteInitializer.Entries(data);
                recovery = CreateSite(data, config.Site.Name, time, before);
            }
            var keys = SiteKeys.Open(data);
            await using var app = ApplianceHost.Build(config, data, keys, time);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch when (recovery is not null)
            {
                // The recovery key was never shown, so the new site could never be recovered: it is removed.
                SiteInitializer.RollBack(data, before);
                throw;
            }
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var fingerprint = app.Services.GetRequiredService<SiteContext>().Authority.Fingerprint;
            var setupCode = app.Services.GetRequiredService<UserStore>().HasEnabledAdmin() ? null : app.Services.GetRequiredService<SetupCodeStore>().Issue();
            StartMessage.Print(keys.SiteName, data, addresses, fingerprint, recovery, setupCode, surroundings);
            // Stopping drains the requests, then PackSealingService seals what is open.
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (Exception e) when (e is ApplianceException or IOException or UnauthorizedAccessException or CoStor.Core.Errors.CoStorException)
        {
            Console.Error.WriteLine($"costor-appliance: {e.Message}");
            return 1;
        }
    }

    private static string CreateSite(DataDirectory data, string name, TimeProvider time, IReadOnlySet<string> before)
    {
        try
        {
            return SiteInitializer.Create(data, name, time);
        }
        catch
        {
            SiteInitializer.RollBack(data, before);
            throw;
        }
    }
}
