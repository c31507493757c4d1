using CoStor.Appliance.Site;

namespace CoStor.Appliance.Catalogue;

/// <summary>The SQLite catalogue and its stores, one per aggregate.</summary>
public static class CatalogueSetup
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services, DataDirectory data)
    {
        services.AddSingleton(CatalogueDatabase.Open(data.CataloguePath));
        services.AddSingleton<IndexWriter>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<EnrolmentStore>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<WebSessionStore>();
        services.AddSingleton<LoginFailureStore>();
        services.AddSingleton<SetupCodeStore>();
        services.AddSingleton<Dashboard.DashboardQueries>();
        services.AddSingleton<ReplicationStatus.ReplicationStatusQueries>();
        services.AddSingleton<PeerConfiguredStore>();
        return services;
    }
}
