namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>The catalogue checkpoint: one writer, also callable directly, running as a hosted service.</summary>
public static class CheckpointSetup
{
    public static IServiceCollection AddCheckpoints(this IServiceCollection services)
    {
        services.AddSingleton<CheckpointWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<CheckpointWriter>());
        return services;
    }
}
