using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>A user's life after it was added: disabling, passwords, roles, the last-admin guard and a restorer's grants.</summary>
public class UserStoreAdminTests
{
    private const string Password = "correct horse battery";

    [Test]
    public async Task A_user_is_disabled_enabled_given_a_new_password_and_a_new_role_each_change_audited()
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        site.Users.Add("ann", "admin", Password, "cli");
        site.Users.Add("bob", "operator", Password, "user:ann");
        site.Time.Advance(TimeSpan.FromHours(1));

        await Assert.That(site.Users.Disable("BOB", "user:ann", "192.0.2.9")).IsNull();
        await Assert.That(site.Users.Authenticate("bob", Password)).IsNull();
        await Assert.That(site.LastAudit).IsEqualTo(new AuditEntry(site.Time.GetUtcNow(), "user:ann", "user.disable", "bob", null)
            { Id = site.LastAudit.Id, Address = "192.0.2.9", Outcome = AuditOutcome.Ok });
        await Assert.That(site.Users.Enable("bob", "user:ann")).IsNull();
        await Assert.That(site.Users.ResetPassword("bob", "a different long one", "user:ann")).IsNull();
        await Assert.That(site.Users.Authenticate("bob", Password)).IsNull();
        await Assert.That(site.Users.Authenticate("bob", "a different long one")).IsEqualTo("operator");
        await Assert.That(site.Users.ChangeRole("bob", "restorer", "user:ann")).IsNull();
        await Assert.That(site.LastAudit.Detail).IsEqualTo("role=operator->restorer");

        var bob = site.Users.Find("bob")!;
        await Assert.That(bob.Role).IsEqualTo("restorer");
        await Assert.That(bob.Enabled).IsTrue();
        await Assert.That(bob.PasswordChangedAt).IsEqualTo(site.Time.GetUtcNow());
        await Assert.That(site.Users.List().Select(u => u.Name).ToArray()).IsEquivalentTo(["ann", "bob"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(site.Audit.Recent(10).Select(e => e.Action).ToArray()).IsEquivalentTo(
            ["user.role", "user.passwd", "user.enable", "user.disable", "user.add", "user.add"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(site.Audit.Verify().Ok).IsTrue();
    }

    [Test]
    public async Task The_last_enabled_admin_can_be_neither_disabled_nor_demoted()
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        site.Users.Add("ann", "admin", Password, "cli");
        site.Users.Add("cat", "admin", Password, "cli");
        site.Users.Disable("cat", "user:ann");

        await Assert.That(site.Users.Disable("ann", "user:ann")).IsEqualTo("'ann' is the last enabled admin; make another user admin first");
        await Assert.That(site.LastAudit.Outcome).IsEqualTo(AuditOutcome.Refused);
        await Assert.That(site.Users.ChangeRole("ann", "operator", "user:ann")).Contains("last enabled admin");
        await Assert.That(site.Users.Find("ann")).IsEqualTo(site.Users.Find("ann")! with { Role = "admin", DisabledAt = null });

        site.Users.Enable("cat", "user:ann");
        await Assert.That(site.Users.ChangeRole("ann", "operator", "user:cat")).IsNull();
        await Assert.That(site.Users.Disable("cat", "user:cat")).Contains("last enabled admin");
    }

    [Test]
    [Arguments("nobody", "admin", "no user 'nobody'")]
    [Arguments("ann", "root", "role 'root' is not one of admin, operator, restorer")]
    public async Task Bad_changes_are_refused_with_a_reason_and_change_nothing(string name, string role, string reason)
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        site.Users.Add("ann", "admin", Password, "cli");
        var before = site.Audit.Recent(10).Count;

        await Assert.That(site.Users.ChangeRole(name, role, "cli")).Contains(reason);
        await Assert.That(site.Users.ResetPassword("ann", "short", "cli")).Contains("at least 12 characters");
        await Assert.That(site.Users.Authenticate("ann", Password)).IsEqualTo("admin");
        await Assert.That(site.Audit.Recent(10).Count).IsEqualTo(before);
    }

    [Test]
    public async Task A_restorer_sees_agents_granted_directly_and_through_groups_others_see_all()
    {
        using var scratch = new ScratchDirectory();
        var site = new AdminCatalogue(scratch);
        site.Users.Add("ann", "admin", Password, "cli");
        site.Users.Add("rita", "restorer", Password, "cli");
        var (a, b, c, d) = (site.Agent("pc-a"), site.Agent("pc-b"), site.Agent("pc-c"), site.Agent("pc-d"));
        site.Agents.CreateGroup("Room 12", "cli");
        site.Agents.SetGroup(b, "Room 12", "cli");

        await Assert.That(site.Users.VisibleAgents("rita")).IsEmpty();
        await Assert.That(site.Users.GrantAgent("rita", a, "user:ann")).IsNull();
        await Assert.That(site.Users.GrantGroup("rita", "room 12", "user:ann")).IsNull();
        site.Agents.SetGroup(c, "Room 12", "cli"); // joins later, visible through the group

        await Assert.That(site.Users.VisibleAgents("RITA")!.Order().ToArray()).IsEquivalentTo(new[] { a, b, c }.Order().ToArray());
        await Assert.That(site.Users.VisibleAgents("ann")).IsNull();
        await Assert.That(site.Users.VisibleAgents("nobody")).IsEmpty();
        await Assert.That(site.Users.Grants("rita").Groups.ToArray()).IsEquivalentTo(["Room 12"]);
        await Assert.That(site.Users.GrantAgent("ann", d, "cli")).Contains("grants apply to restorers");
        await Assert.That(site.Users.GrantAgent("rita", "nosuchagent", "cli")).IsEqualTo("no agent with id 'nosuchagent'");
        await Assert.That(site.Users.GrantGroup("rita", "Room 13", "cli")).IsEqualTo("no agent group 'Room 13'");

        await Assert.That(site.Users.RevokeGroup("rita", "Room 12", "user:ann")).IsNull();
        await Assert.That(site.Users.VisibleAgents("rita")!.ToArray()).IsEquivalentTo([a]);
        site.Users.Disable("rita", "user:ann");
        await Assert.That(site.Users.VisibleAgents("rita")).IsEmpty();
        await Assert.That(site.LastAudit.Action).IsEqualTo("user.disable");
        await Assert.That(site.Audit.Recent(3)[1].Detail).IsEqualTo("group=Room 12");
    }
}
