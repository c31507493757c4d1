using System.Collections.Immutable;

namespace CoStor.Appliance.Configuration;

/// <summary>
/// The appliance's whole configuration: one TOML file (see <c>config/appliance.example.toml</c>) read once at
/// start by <see cref="ConfigLoader"/>. Immutable; every value has a default in code, so an empty file (or none)
/// is a complete configuration.
/// </summary>
public sealed record ApplianceConfig(
    SiteConfig Site,
    ServerConfig Server,
    LimitsConfig Limits,
    EnrolmentConfig Enrolment,
    MetricsConfig Metrics,
    TlsConfig Tls,
    ImmutableArray<PeerConfig> Peers)
{
    /// <summary><c>[replication]</c>: how this site's packs are kept at its peers.</summary>
    public ReplicationConfig Replication { get; init; } = ReplicationConfig.Default;
}
