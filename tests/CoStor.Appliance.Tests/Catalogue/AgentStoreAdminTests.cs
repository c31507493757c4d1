using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>Renaming agents, grouping them and setting how often they should back up.</summary>
public class AgentStoreAdminTests
{
    [Test]
    public async Task An_agent_is_renamed_grouped_and_given_an_interval_each_change_audited()
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        var id = site.Agent("DESKTOP-4F2K");

        await Assert.That(site.Agents.Rename(id, "  Reception PC  ", "user:ann", "192.0.2.4")).IsNull();
        await Assert.That(site.LastAudit.Detail).IsEqualTo("name=DESKTOP-4F2K->Reception PC");
        await Assert.That(site.Agents.CreateGroup("Staff laptops", "user:ann")).IsNull();
        await Assert.That(site.Agents.CreateGroup("staff LAPTOPS", "user:ann")).IsEqualTo("agent group 'staff LAPTOPS' already exists");
        await Assert.That(site.Agents.SetGroup(id, "staff laptops", "user:ann")).IsNull();
        await Assert.That(site.Agents.SetExpectedInterval(id, 60, "user:ann")).IsNull();

        var agent = site.Agents.Find(id)!;
        await Assert.That(agent.Name).IsEqualTo("Reception PC");
        await Assert.That(agent.Group).IsEqualTo("Staff laptops");
        await Assert.That(agent.ExpectedInterval).IsEqualTo(TimeSpan.FromHours(1));
        await Assert.That(site.Agents.Groups().Single()).IsEqualTo(new AgentGroup(1, "Staff laptops", 1));

        await Assert.That(site.Agents.SetGroup(id, null, "user:ann")).IsNull();
        await Assert.That(site.Agents.Find(id)!.Group).IsNull();
        await Assert.That(site.Audit.Recent(5).Select(e => e.Action).ToArray()).IsEquivalentTo(
            ["agent.group", "agent.interval", "agent.group", "group.create", "agent.rename"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
    }

    [Test]
    [Arguments("", "agent name must be 1-128 characters")]
    [Arguments("   ", "agent name must be 1-128 characters")]
    [Arguments("line\nbreak", "agent name may hold only printable characters")]
    [Arguments("evil\u202Etxt.exe", "agent name may hold only printable characters")]
    [Arguments("bell\u0007", "agent name may hold only printable characters")]
    [Arguments("lone \uD800 surrogate", "agent name may hold only printable characters")]
    public async Task A_bad_name_is_refused_and_changes_nothing(string name, string reason)
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        var id = site.Agent("pc");
        var entries = site.Audit.Verify().Entries;

        await Assert.That(site.Agents.Rename(id, name, "cli")).IsEqualTo(reason);
        await Assert.That(site.Agents.Rename(id, new string('x', 129), "cli")).IsEqualTo("agent name must be 1-128 characters");
        await Assert.That(site.Agents.Rename("nosuchagent", "name", "cli")).Contains("no agent with id 'nosuchagent'");
        await Assert.That(site.Agents.SetGroup(id, "no such group", "cli")).IsEqualTo("no agent group 'no such group'");
        await Assert.That(site.Agents.SetExpectedInterval(id, 0, "cli")).Contains("expected interval must be");
        await Assert.That(site.Agents.Find(id)!.Name).IsEqualTo("pc");
        await Assert.That(site.Audit.Verify().Entries).IsEqualTo(entries);
    }

    [Test]
    public async Task Names_in_any_script_are_accepted()
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        var id = site.Agent("pc");

        await Assert.That(site.Agents.Rename(id, "Salle 12 – Poste élève 😀", "cli")).IsNull();
        await Assert.That(site.Agents.Find(id)!.Name).IsEqualTo("Salle 12 – Poste élève 😀");
    }
}
