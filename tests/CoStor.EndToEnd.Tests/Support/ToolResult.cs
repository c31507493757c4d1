namespace CoStor.EndToEnd.Tests.Support;

public sealed record ToolResult(int ExitCode, string Stdout, string Stderr, long PeakRssBytes)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
