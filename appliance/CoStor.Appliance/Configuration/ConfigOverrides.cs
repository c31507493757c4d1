namespace CoStor.Appliance.Configuration;

/// <summary>
/// Values given on the command line, which win over the file (<c>--data</c>, <c>--urls</c> separated by ';',
/// <c>--site</c>, <c>--machine-key</c>). They are applied before validation, so they are checked like the file's values and an error
/// names the key they set.
/// </summary>
public sealed record ConfigOverrides(string? DataDir = null, string? Urls = null, string? SiteName = null, string? MachineKeyFile = null)
{
    public static ConfigOverrides None { get; } = new();
}
