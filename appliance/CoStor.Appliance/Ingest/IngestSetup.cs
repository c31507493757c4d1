using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Ingest;

/// <summary>Verified ingest of uploaded blobs and the filter of known ids it consults.</summary>
public static class IngestSetup
{
    public static IServiceCollection AddIngest(this IServiceCollection services, DataDirectory data, Configuration.LimitsConfig limits)
    {
        // Sized after recovery: resolving the pack store first runs it.
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<PackStore>();
            return KnownBlobFilter.SizedFor(sp.GetRequiredService<CatalogueDatabase>());
        });
        services.AddHostedService<KnownBlobFilterLoader>();
        services.AddSingleton(new ShadowFiles(data));
        services.AddSingleton<BlobIngest>();
        services.AddSingleton(new UploadSlots(limits.MaxUploadsPerAgent));
        return services;
    }
}
