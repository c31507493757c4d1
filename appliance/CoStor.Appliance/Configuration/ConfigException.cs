namespace CoStor.Appliance.Configuration;

/// <summary>
/// The configuration could not be used. <see cref="Errors"/> lists every problem found, each naming its key
/// path (<c>peers[1].fingerprint: ...</c>) or, for TOML syntax, its line and column.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string sourceName, IReadOnlyList<string> errors)
        : base(FormatMessage(sourceName, errors))
    {
        SourceName = sourceName;
        Errors = errors;
    }

    public string SourceName { get; }

    public IReadOnlyList<string> Errors { get; }

    private static string FormatMessage(string sourceName, IReadOnlyList<string> errors) =>
        $"{sourceName}: invalid configuration ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"
        + string.Concat(errors.Select(e => "\n  " + e));
}
