using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoStor.Appliance.Replication.Remote;

/// <summary>Remote restore (<see cref="RemoteSites"/>). The replication engine replaces the <see cref="IPeerPackFetcher"/> with one that pulls from peers.</summary>
public static class RemoteSetup
{
    public static IServiceCollection AddRemoteSites(this IServiceCollection services)
    {
        services.TryAddSingleton<IPeerPackFetcher, NoPeerPackFetcher>();
        services.AddSingleton<RemoteSites>();
        return services;
    }
}
