using System.Net;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Api;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tls;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Hosting;

/// <summary>Builds the web host: HTTPS with the site CA's server certificate, services, and every endpoint group.</summary>
public static class ApplianceHost
{
    public static WebApplication Build(ApplianceOptions options, DataDirectory data, SiteKeys keys, TimeProvider time)
    {
        // A fixed content root and no config reload: otherwise the host watches its working directory
        // recursively for appsettings changes (under systemd that is '/'), costing inotify watches and CPU.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("CoStor", LogLevel.Information);

        var authority = CertificateAuthority.LoadOrCreate(data, keys, time);
        var certificate = authority.IssueServerCertificate(ServerNames(), ServerAddresses(), time);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ApiJson.MaxJsonBody;
            // Request bytes Kestrel buffers ahead of a handler (default 1 MiB per connection). Uploads are read
            // as fast as they are written to packs; when a handler waits (its fsync, the index writer), the
            // kernel's socket buffers hold the rest. With 20 agents × 2 uploads this bounds ~40 MiB to ~10.
            kestrel.Limits.MaxRequestBufferSize = 256 * 1024;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = certificate;
                https.ServerCertificateChain = [authority.Certificate];
                if (TlsCipherPreference.Create() is { } suites)
                    https.OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = suites;
            });
        });
        builder.WebHost.UseUrls(options.Urls);
        // Receive straight into a 64 KiB block (see LargeBlockMemoryPool) rather than first waiting for data with
        // a zero-byte read: one system call per receive instead of two, for one block per open connection.
        builder.WebHost.UseSockets(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);

        var services = builder.Services;
        services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();
        services.AddSingleton(time);
        services.AddSingleton(data);
        services.AddSingleton(CatalogueDatabase.Open(data.CataloguePath));
        services.AddSingleton<IndexWriter>();
        services.AddSingleton(new SiteContext(data, keys, authority, options));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<EnrolmentStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton(sp => new PackStore(data, sp.GetRequiredService<CatalogueDatabase>(), time,
            sp.GetRequiredService<ILogger<PackStore>>(), options.MaxUploadConcurrency));
        services.AddSingleton(sp => KnownBlobFilter.LoadInBackground(sp.GetRequiredService<CatalogueDatabase>()));
        services.AddHostedService<PackSealingService>();
        services.AddSingleton(new ShadowFiles(data));
        services.AddSingleton<BlobIngest>();
        services.AddSingleton<SnapshotCommitter>();
        services.AddSingleton(ScrapeCredential.LoadOrCreate(ScrapeCredential.PathFor(options, data)));
        services.AddSingleton<ApplianceMetrics>();
        services.AddSingleton(new KeyRateLimiter(time, options.KeyRequestsPerMinute, options.KeyBurst, options.KeyRequestsPerDay));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ProtocolJsonContext.Default));
        services.AddOpenApi();

        var app = builder.Build();
        app.UseFailureResponses();
        app.MapOpenApi();
        app.MapHealth();
        app.MapEnrolment();
        app.MapKeys();
        app.MapBlobs();
        app.MapSnapshots();
        // Opening the pack store recovers open packs before the first request is served.
        _ = app.Services.GetRequiredService<PackStore>();
        // Then the filter of known blob ids starts loading from the index that recovery completed.
        _ = app.Services.GetRequiredService<KnownBlobFilter>();
        return app;
    }

    private static IEnumerable<string> ServerNames()
    {
        var host = Dns.GetHostName();
        return ["localhost", host, host + ".local"];
    }

    private static IEnumerable<IPAddress> ServerAddresses()
    {
        IEnumerable<IPAddress> local;
        try
        {
            local = Dns.GetHostAddresses(Dns.GetHostName());
        }
        catch (System.Net.Sockets.SocketException)
        {
            local = [];
        }
        return new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }.Concat(local);
    }
}
