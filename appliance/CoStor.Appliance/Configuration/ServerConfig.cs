using System.Collections.Immutable;

namespace CoStor.Appliance.Configuration;

/// <summary><c>[server]</c>: where the appliance listens and keeps its data.</summary>
/// <param name="Urls">Listen URLs (<c>server.urls</c>), http or https; Kestrel's <c>*</c>/<c>+</c> hosts allowed.</param>
/// <param name="DataDir">Absolute path of the data directory (<c>server.data_dir</c>): catalogue, packs, keyring.</param>
/// <param name="ShutdownTimeoutSeconds">
/// How long a stop (SIGTERM) lets running requests finish (<c>server.shutdown_timeout_seconds</c>); then they are
/// cut off, unacknowledged, and the packs are sealed.
/// </param>
public sealed record ServerConfig(ImmutableArray<string> Urls, string DataDir, int ShutdownTimeoutSeconds = ServerConfig.DefaultShutdownTimeoutSeconds)
{
    public const string DefaultUrl = "https://0.0.0.0:8443";
    public const string DefaultDataDir = "/var/lib/costor";
    public const int DefaultShutdownTimeoutSeconds = 30;

    public static ServerConfig Default { get; } = new([DefaultUrl], DefaultDataDir);
}
