using CoStor.Appliance.Api;
using CoStor.Appliance.Archive;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Replication;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tls;
using CoStor.Appliance.Web;
using CoStor.Appliance.Web.Shell;

namespace CoStor.Appliance.Hosting;

/// <summary>Builds the web host: each concern registers its services and maps its endpoints in its own folder.</summary>
public static class ApplianceHost
{
    public static WebApplication Build(ApplianceConfig config, DataDirectory data, SiteKeys keys, TimeProvider time)
    {
        // A fixed content root and no config reload: otherwise the host watches its working directory
        // recursively for appsettings changes (under systemd that is '/'), costing inotify watches and CPU.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("CoStor", LogLevel.Information);
        // A refused sign-in or form is the audit log's business, not the console's.
        builder.Logging.AddFilter("CoStor.Appliance.Authentication", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error);
        // Its "no XML encryptor" warning does not apply: the key repository seals each key whole (SealedKeyRepository).
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var authority = CertificateAuthority.LoadOrCreate(data, keys, time);
        builder.UseSiteKestrel(authority, time, config.Server.Urls, config.Tls, config.Limits);
        // A stop waits this long for running requests, then cuts them off (unacknowledged) and seals the packs.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(config.Server.ShutdownTimeoutSeconds));
        builder.Services.AddSingleton<IHostLifetime, SignalLifetime>();
        builder.Services
            .AddSingleton(time)
            .AddSingleton(data)
            .AddSingleton(new SiteContext(data, keys, authority, config))
            .AddSingleton(new CatalogueSecrets(keys.Keyring.CatalogueKey))
            .AddCatalogue(data)
            .AddPackStorage(data, config.Limits)
            .AddIngest(data, config.Limits)
            .AddBrowse()
            .AddRestoreArchives()
            .AddCheckpoints()
            .AddRemoteSites()
            .AddCallerAuthentication()
            .AddAgentApi(config.Limits)
            .AddMonitoring(ScrapeCredential.LoadOrCreate(ScrapeCredential.PathFor(config.Metrics, data)))
            .AddPeerReplication(config, data, authority, time)
            .AddApiDocument()
            .AddWebUi(data);

        var app = builder.Build();
        app.UseFailureResponses();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealth();
        app.MapAgentApi();
        app.MapPeerApi();
        app.MapWebUi();
        // Created now, not on the first request: it deletes the unlocked views a previous process left (Replication/Remote).
        app.Services.GetRequiredService<Replication.Remote.RemoteSites>();
        app.RecoverPackStorage();
        app.Services.GetRequiredService<SnapshotStore>().SealPlainRootKeys();
        app.Services.GetRequiredService<PeerConfiguredStore>().Sync([.. config.Peers.Select(p => p.Name)]);
        return app;
    }
}
