using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Storage;

/// <summary>Pack files, their background sealing, and the snapshot committer that reads them.</summary>
public static class PackStorageSetup
{
    public static IServiceCollection AddPackStorage(this IServiceCollection services, DataDirectory data, LimitsConfig limits)
    {
        services.AddSingleton(sp => new PackStore(data, sp.GetRequiredService<CatalogueDatabase>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PackStore>>(), limits.MaxUploadConcurrency));
        services.AddHostedService<PackSealingService>();
        services.AddHostedService(sp => new IdlePackSealer(sp.GetRequiredService<PackStore>(), TimeSpan.FromSeconds(limits.SealIdleSeconds),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<IdlePackSealer>>()));
        services.AddSingleton<Commit.SnapshotCommitter>();
        return services;
    }

    /// <summary>Opens the pack store now, so start-up recovery finishes before the first request is served.</summary>
    public static void RecoverPackStorage(this WebApplication app) => app.Services.GetRequiredService<PackStore>();
}
