using System.Collections;

namespace CoStor.Appliance.Cli;

/// <summary>
/// What the command line needs to know about how it was started, read once in <c>Program.cs</c> and passed in.
/// <paramref name="UnderServiceManager"/>: systemd runs it (it sets <c>INVOCATION_ID</c>, and <c>JOURNAL_STREAM</c>
/// when output goes to the journal), so anything printed is kept in a log — no place for a recovery key.
/// </summary>
public sealed record ProcessSurroundings(bool UnderServiceManager)
{
    public static ProcessSurroundings Interactive { get; } = new(false);

    public static ProcessSurroundings From(IDictionary environment) =>
        new(environment.Contains("INVOCATION_ID") || environment.Contains("JOURNAL_STREAM"));
}
