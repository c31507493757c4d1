namespace CoStor.Architecture.Tests;

/// <summary>
/// The layering in docs (ARCHITECTURE.md, CONVENTIONS.md rule 1), checked on compiled references:
/// Core is free of the web, storage and config stacks; agent and appliance never reference each other;
/// Web is presentation only and references nothing of ours.
/// </summary>
public class LayeringTests
{
    private const string Core = "CoStor.Core";
    private const string Web = "CoStor.Web";
    private const string Appliance = "costor-appliance";
    private const string Agent = "costor-agent";

    [Test]
    [Arguments(Core)]
    [Arguments(Web)]
    [Arguments(Appliance)]
    [Arguments(Agent)]
    public async Task Assembly_is_built_and_its_references_are_readable(string assembly)
    {
        await Assert.That(AssemblyGraph.DirectReferences(assembly)).Contains("System.Runtime");
    }

    [Test]
    public async Task Reference_chains_are_found_when_present()
    {
        // Self-check of the reader: the appliance's configuration loader really uses Tomlyn.
        await Assert.That(AssemblyGraph.ChainsTo(Appliance, name => name == "Tomlyn")).Contains("costor-appliance -> Tomlyn");
    }

    [Test]
    public Task Core_references_no_aspnetcore_sqlite_tomlyn_or_razorslices() =>
        NoChains(Core, name =>
            name.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("SQLitePCLRaw", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Tomlyn", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("RazorSlices", StringComparison.OrdinalIgnoreCase)
            || IsOurs(name));

    [Test]
    public Task Agent_does_not_reference_the_appliance_or_web() =>
        NoChains(Agent, name => Is(name, Appliance) || Is(name, Web));

    [Test]
    public Task Appliance_does_not_reference_the_agent() =>
        NoChains(Appliance, name => Is(name, Agent));

    [Test]
    public Task Web_references_nothing_of_ours_and_no_sqlite() =>
        NoChains(Web, name =>
            IsOurs(name)
            || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("SQLitePCLRaw", StringComparison.OrdinalIgnoreCase));

    private static bool IsOurs(string name) =>
        name.StartsWith("CoStor.", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("costor-", StringComparison.OrdinalIgnoreCase);

    private static bool Is(string name, string assembly) => string.Equals(name, assembly, StringComparison.OrdinalIgnoreCase);

    private static async Task NoChains(string root, Func<string, bool> forbidden)
    {
        var chains = AssemblyGraph.ChainsTo(root, forbidden);
        if (chains.Count > 0)
        {
            Assert.Fail($"{root} must not reference:\n  {string.Join("\n  ", chains)}");
        }

        await Task.CompletedTask;
    }
}
