using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

public class UserStoreTests
{
    [Test]
    public async Task Added_user_authenticates_with_its_password_only()
    {
        using var scratch = new ScratchDirectory();
        var (users, audit) = Open(scratch);

        await Assert.That(users.Add("ann", "admin", "correct horse battery", "cli")).IsNull();

        await Assert.That(users.Authenticate("ann", "correct horse battery")).IsEqualTo("admin");
        await Assert.That(users.Authenticate("ANN", "correct horse battery")).IsEqualTo("admin");
        await Assert.That(users.Authenticate("ann", "correct horse batterx")).IsNull();
        await Assert.That(users.Authenticate("bob", "correct horse battery")).IsNull();
        await Assert.That(audit.Recent(1).Single().Action).IsEqualTo("user.add");
    }

    [Test]
    [Arguments("", "admin", "long enough password", "must be 1-64 characters")]
    [Arguments("a b", "admin", "long enough password", "must be 1-64 characters")]
    [Arguments("ann", "root", "long enough password", "is not one of admin, operator, restorer")]
    [Arguments("ann", "admin", "short", "at least 12 characters")]
    public async Task Bad_input_is_refused_with_a_reason_and_adds_nobody(string name, string role, string password, string reason)
    {
        using var scratch = new ScratchDirectory();
        var (users, _) = Open(scratch);

        await Assert.That(users.Add(name, role, password, "cli")).Contains(reason);
        await Assert.That(users.Count()).IsEqualTo(0);
    }

    [Test]
    public async Task Names_are_unique_regardless_of_case()
    {
        using var scratch = new ScratchDirectory();
        var (users, _) = Open(scratch);
        users.Add("ann", "admin", "correct horse battery", "cli");

        await Assert.That(users.Add("Ann", "restorer", "another long password", "cli")).IsEqualTo("user 'Ann' already exists");
        await Assert.That(users.Authenticate("ann", "correct horse battery")).IsEqualTo("admin");
    }

    [Test]
    public async Task Stored_hash_is_salted_pbkdf2()
    {
        var first = PasswordHash.Create("the same password");
        var second = PasswordHash.Create("the same password");
        await Assert.That(first).StartsWith($"pbkdf2-sha256${PasswordHash.Iterations}$");
        await Assert.That(first).IsNotEqualTo(second);
        await Assert.That(PasswordHash.Verify("the same password", second)).IsTrue();
        await Assert.That(PasswordHash.Verify("x", "not-a-hash")).IsFalse();
    }

    private static (UserStore Users, AuditLog Audit) Open(ScratchDirectory scratch)
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        var audit = new AuditLog(database, time);
        return (new UserStore(database, audit, time), audit);
    }
}
