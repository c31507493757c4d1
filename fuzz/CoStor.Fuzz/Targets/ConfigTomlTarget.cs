using System.Text;
using CoStor.Appliance.Configuration;

namespace CoStor.Fuzz.Targets;

/// <summary>
/// Fuzz target: bytes decoded as UTF-8 (invalid sequences replaced, as <c>File.ReadAllText</c> does) and loaded by
/// <see cref="ConfigLoader.Parse"/>. Contract: a validated <see cref="ApplianceConfig"/> or one
/// <see cref="ConfigException"/> listing the errors. Any other exception is a finding.
/// </summary>
public static class ConfigTomlTarget
{
    public const string Name = "config-toml";

    public static void Run(ReadOnlySpan<byte> input)
    {
        try
        {
            ConfigLoader.Parse(Encoding.UTF8.GetString(input), "fuzz.toml");
        }
        catch (ConfigException)
        {
        }
    }
}
