using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Browse;

/// <summary>Snapshot browsing for the web UI (<see cref="SnapshotBrowser"/>).</summary>
public static class BrowseSetup
{
    public static IServiceCollection AddBrowse(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<PackStore>().Files);
        services.AddSingleton<SnapshotBrowser>();
        return services;
    }
}
