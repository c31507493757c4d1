using System.Collections.Immutable;

namespace CoStor.Appliance.Configuration;

/// <summary><c>[server]</c>: where the appliance listens and keeps its data.</summary>
/// <param name="Urls">Listen URLs (<c>server.urls</c>), http or https; Kestrel's <c>*</c>/<c>+</c> hosts allowed.</param>
/// <param name="DataDir">Absolute path of the data directory (<c>server.data_dir</c>): catalogue, packs, keyring.</param>
public sealed record ServerConfig(ImmutableArray<string> Urls, string DataDir)
{
    public const string DefaultUrl = "https://0.0.0.0:8443";
    public const string DefaultDataDir = "/var/lib/costor";

    public static ServerConfig Default { get; } = new([DefaultUrl], DefaultDataDir);
}
