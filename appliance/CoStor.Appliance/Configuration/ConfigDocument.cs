using System.Text.Json.Serialization;
using Tomlyn.Serialization;

namespace CoStor.Appliance.Configuration;

/// <summary>
/// The TOML file exactly as written: every key optional (null = absent, so the default applies), numbers
/// wide enough to range-check instead of overflowing, and unmapped keys captured so that they can be
/// reported as errors. <see cref="ConfigValidator"/> turns it into the immutable <see cref="ApplianceConfig"/>.
/// Key names come from the snake_case policy on <see cref="ConfigTomlContext"/>.
/// </summary>
internal sealed class ConfigDocument
{
    public SiteTable? Site { get; set; }
    public ServerTable? Server { get; set; }
    public LimitsTable? Limits { get; set; }
    public EnrolmentTable? Enrolment { get; set; }
    public MetricsTable? Metrics { get; set; }
    public TlsTable? Tls { get; set; }
    public ReplicationTable? Replication { get; set; }
    public List<PeerTable>? Peers { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object?>? Unknown { get; set; }

    internal sealed class SiteTable
    {
        public string? Name { get; set; }
        public string? MachineKeyFile { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class ServerTable
    {
        [TomlSingleOrArray]
        public List<string>? Urls { get; set; }
        public string? DataDir { get; set; }
        public long? ShutdownTimeoutSeconds { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class LimitsTable
    {
        public long? KeyRequestsPerMinute { get; set; }
        public long? KeyBurst { get; set; }
        public long? KeyRequestsPerDay { get; set; }
        public long? MaxUploadConcurrency { get; set; }
        public long? MaxUploadsPerAgent { get; set; }
        public long? MaxConnections { get; set; }
        public long? EnrolAttemptsPerMinute { get; set; }
        public long? SealIdleSeconds { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class EnrolmentTable
    {
        public long? TokenTtlHours { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class MetricsTable
    {
        public string? TokenFile { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class TlsTable
    {
        public List<string>? Names { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class ReplicationTable
    {
        public long? Copies { get; set; }
        public long? PeerGoneDays { get; set; }
        public long? GraceDays { get; set; }
        public long? IntervalSeconds { get; set; }
        public long? ProofSample { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }

    internal sealed class PeerTable
    {
        public string? Name { get; set; }
        public string? Url { get; set; }
        public string? Fingerprint { get; set; }
        public string? Bandwidth { get; set; }
        public string? Window { get; set; }

        [JsonExtensionData]
        public Dictionary<string, object?>? Unknown { get; set; }
    }
}
