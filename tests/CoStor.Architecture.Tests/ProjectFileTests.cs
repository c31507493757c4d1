using System.Xml.Linq;

namespace CoStor.Architecture.Tests;

/// <summary>
/// The same layering on the declared references in the project files, which catch a dependency before
/// any code uses it (the compiler drops unused references from metadata).
/// </summary>
public class ProjectFileTests
{
    private static readonly string[] CoreForbiddenPackages =
        ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Tomlyn", "RazorSlices"];

    [Test]
    public async Task Core_declares_no_project_references_and_no_forbidden_packages()
    {
        var project = Load("core/CoStor.Core/CoStor.Core.csproj");

        await Assert.That(References(project, "ProjectReference")).IsEmpty();
        await Assert.That(References(project, "FrameworkReference")).IsEmpty();
        await Assert.That(References(project, "PackageReference")
            .Where(p => CoreForbiddenPackages.Any(f => p.StartsWith(f, StringComparison.OrdinalIgnoreCase)))).IsEmpty();
    }

    [Test]
    public async Task Web_declares_no_project_references()
    {
        await Assert.That(References(Load("web/CoStor.Web/CoStor.Web.csproj"), "ProjectReference")).IsEmpty();
    }

    [Test]
    public async Task Agent_references_only_core()
    {
        var references = References(Load("agent/CoStor.Agent/CoStor.Agent.csproj"), "ProjectReference");

        await Assert.That(references.Select(r => r[(r.LastIndexOf('/') + 1)..])).IsEquivalentTo(["CoStor.Core.csproj"]);
    }

    [Test]
    public async Task Appliance_does_not_reference_the_agent()
    {
        var references = References(Load("appliance/CoStor.Appliance/CoStor.Appliance.csproj"), "ProjectReference");

        await Assert.That(references.Where(r => r.Contains("CoStor.Agent", StringComparison.OrdinalIgnoreCase))).IsEmpty();
    }

    private static XDocument Load(string relativePath) => XDocument.Load(Path.Combine(RepositoryRoot, relativePath));

    private static string[] References(XDocument project, string itemType) =>
        [.. project.Descendants(itemType).Select(e => (string?)e.Attribute("Include") ?? "").Select(p => p.Replace('\\', '/'))];

    private static readonly string RepositoryRoot = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoStor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CoStor.sln not found above {AppContext.BaseDirectory}");
    }
}
