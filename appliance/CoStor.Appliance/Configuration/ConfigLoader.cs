using Tomlyn;

namespace CoStor.Appliance.Configuration;

/// <summary>
/// Reads the appliance's TOML configuration into an <see cref="ApplianceConfig"/>. Any problem — unreadable
/// file, TOML syntax, wrong value type, unknown key, invalid value — throws one <see cref="ConfigException"/>
/// that lists every error found, so an admin fixes the file in one pass.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The source name reported when no configuration file is given.</summary>
    public const string DefaultsSourceName = "(embedded defaults)";

    /// <summary>Loads <paramref name="path"/>, or the defaults in code when it is <c>null</c>, with command-line overrides.</summary>
    public static ApplianceConfig Load(string? path, ConfigOverrides? overrides = null)
    {
        if (path is null)
        {
            return Parse("", DefaultsSourceName, overrides);
        }

        string toml;
        try
        {
            toml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(toml, path, overrides);
    }

    /// <summary>Parses and validates TOML text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static ApplianceConfig Parse(string toml, string sourceName, ConfigOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(toml);
        ArgumentNullException.ThrowIfNull(sourceName);
        // Tomlyn (2.10 and 2.11) throws ArgumentOutOfRangeException, not TomlException, when the text ends inside a
        // string escape ("a = \"\\" at the very end): it formats the end of input as a character. A final newline
        // keeps the text from ending there and means the same to TOML.
        if (!toml.EndsWith('\n'))
        {
            toml += "\n";
        }

        ConfigDocument? document;
        try
        {
            document = TomlSerializer.Deserialize(toml, ConfigTomlContext.Default.ConfigDocument);
        }
        catch (TomlException e)
        {
            throw new ConfigException(sourceName, TomlErrors.Describe(e, toml));
        }

        document ??= new ConfigDocument();
        Apply(overrides ?? ConfigOverrides.None, document);
        var errors = new List<string>();
        var config = new ConfigValidator(errors).Validate(document, Environment.MachineName);
        if (errors.Count > 0)
        {
            throw new ConfigException(sourceName, TomlErrors.Locate(errors, toml, Overridden(overrides ?? ConfigOverrides.None)));
        }

        return config;
    }

    /// <summary>Key paths whose value came from the command line: the file's line would point at the wrong value.</summary>
    private static string[] Overridden(ConfigOverrides overrides) =>
    [
        .. overrides.DataDir is null ? Array.Empty<string>() : ["server.data_dir"],
        .. overrides.Urls is null ? Array.Empty<string>() : ["server.urls"],
        .. overrides.SiteName is null ? Array.Empty<string>() : ["site.name"],
        .. overrides.MachineKeyFile is null ? Array.Empty<string>() : ["site.machine_key_file"],
    ];

    private static void Apply(ConfigOverrides overrides, ConfigDocument document)
    {
        if (overrides.DataDir is { } dataDir)
        {
            (document.Server ??= new()).DataDir = Path.GetFullPath(dataDir);
        }

        if (overrides.Urls is { } urls)
        {
            (document.Server ??= new()).Urls = [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        if (overrides.SiteName is { } siteName)
        {
            (document.Site ??= new()).Name = siteName;
        }

        if (overrides.MachineKeyFile is { } machineKey)
        {
            (document.Site ??= new()).MachineKeyFile = Path.GetFullPath(machineKey);
        }
    }
}
