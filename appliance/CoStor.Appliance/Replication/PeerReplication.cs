using CoStor.Appliance.Api;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tls;
using CoStor.Core.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Threading.RateLimiting;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Api;
using CoStor.Appliance.Replication.Healing;
using CoStor.Appliance.Replication.Placement;
using CoStor.Appliance.Replication.Proving;
using CoStor.Appliance.Replication.Pulling;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Replication;

/// <summary>
/// Replication between sites (docs/replication.md): peer trust over mutual TLS on the one HTTPS port, and the peer API
/// under <c>/peer/v1</c>, one route group that requires <see cref="CallerPolicies.Peer"/>.
/// </summary>
public static class PeerReplication
{
    public const string Prefix = "/peer/v1";

    public static IServiceCollection AddPeerReplication(this IServiceCollection services, ApplianceConfig config, DataDirectory data,
        CertificateAuthority authority, TimeProvider time)
    {
        services.TryAddSingleton(config);
        services.AddSingleton(config.Replication);
        services.AddSingleton(new PeerCertificates(authority, config.Site.Name, time));
        services.AddSingleton(sp => new PeerAuthorities(config.Peers, data, time, sp.GetRequiredService<ILogger<PeerAuthorities>>()));
        services.AddSingleton<PeerClients>();
        services.AddHostedService<PeerAuthorityFetcher>();
        services.TryAddSingleton<PeerPackTable>();
        services.TryAddSingleton<RetiredPackTable>();
        services.TryAddSingleton<PeerStatusStore>();
        services.TryAddSingleton<ReplicaProofStore>();
        services.AddSingleton<PeerAssignments>();
        services.AddSingleton<PeerPuller>();
        services.AddSingleton<PullService>();
        services.AddHostedService(sp => sp.GetRequiredService<PullService>());
        services.AddSingleton<ProofService>();
        services.AddHostedService(sp => sp.GetRequiredService<ProofService>());
        services.AddSingleton<IPeerPackFetcher, PeerPackFetcher>();
        services.AddSingleton<PackSelfHeal>();
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(PeerRecoveryEndpoints.Attempts, context =>
            RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = config.Limits.EnrolAttemptsPerMinute,
                TokensPerPeriod = config.Limits.EnrolAttemptsPerMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            })));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(ReplicationJsonContext.Default));
        return services;
    }

    public static void MapPeerApi(this IEndpointRouteBuilder app)
    {
        var peers = app.MapGroup(Prefix).RequireAuthorization(CallerPolicies.Peer)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), [ApiDocument.Json]));
        peers.MapGet("/hello", Hello).WithSummary("Who this box is: site name, CA fingerprint and clock")
            .Produces<PeerHello>(StatusCodes.Status200OK, ApiDocument.Json);
        peers.MapPeerPacks();
        peers.MapPeerHeld();
        peers.MapPeerSite();
        peers.MapPeerProofs();
        app.MapPeerRecovery();
        // Local reads heal a damaged sealed pack from the peers from now on (Healing/PackSelfHeal).
        if (app.ServiceProvider.GetRequiredService<ApplianceConfig>().Peers.Length > 0)
            app.ServiceProvider.GetRequiredService<PackStore>().Files.Repair = app.ServiceProvider.GetRequiredService<PackSelfHeal>();
    }

    private static JsonHttpResult<PeerHello> Hello(SiteContext site, TimeProvider time) =>
        TypedResults.Json(new PeerHello(site.Config.Site.Name, site.Authority.Fingerprint, time.GetUtcNow()), ReplicationJsonContext.Default.PeerHello);
}
