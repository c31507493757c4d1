using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>When a web session ends: idle limit, absolute lifetime, sign-out, a password change, a disabled user.</summary>
public class WebSessionStoreTests
{
    [Test]
    public async Task A_session_ends_after_an_hour_without_a_request_and_lives_while_used()
    {
        using var scratch = new ScratchDirectory();
        var (sessions, _, time) = Open(scratch);
        var idle = sessions.Start("ann", "10.0.0.5");
        var used = sessions.Start("ann", "10.0.0.5");

        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(30));
            await Assert.That(sessions.Find(used)?.UserName).IsEqualTo("ann");
        }
        await Assert.That(sessions.Find(idle)).IsNull();
    }

    [Test]
    public async Task A_session_ends_after_twelve_hours_however_busy()
    {
        using var scratch = new ScratchDirectory();
        var (sessions, _, time) = Open(scratch);
        var cookie = sessions.Start("ann", null);

        for (var elapsed = TimeSpan.Zero; elapsed < WebSessionStore.Lifetime - TimeSpan.FromMinutes(30); elapsed += TimeSpan.FromMinutes(30))
        {
            time.Advance(TimeSpan.FromMinutes(30));
            await Assert.That(sessions.Find(cookie)).IsNotNull();
        }
        time.Advance(TimeSpan.FromMinutes(30));
        await Assert.That(sessions.Find(cookie)).IsNull();
    }

    [Test]
    public async Task Sign_out_a_password_change_or_disabling_the_user_ends_sessions_and_a_forged_cookie_finds_none()
    {
        using var scratch = new ScratchDirectory();
        var (sessions, users, time) = Open(scratch);
        var signedOut = sessions.Start("ann", null);
        sessions.End(sessions.Find(signedOut)!.IdHash);
        await Assert.That(sessions.Find(signedOut)).IsNull();

        var beforeReset = sessions.Start("ann", null);
        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.That(users.ResetPassword("ann", "another long password", "admin")).IsNull();
        await Assert.That(sessions.Find(beforeReset)).IsNull();
        var afterReset = sessions.Start("ann", null);
        await Assert.That(sessions.Find(afterReset)).IsNotNull();

        await Assert.That(users.Add("bob", "admin", "bob's long password", "cli")).IsNull();
        await Assert.That(users.Disable("ann", "bob")).IsNull();
        await Assert.That(sessions.Find(afterReset)).IsNull();
        await Assert.That(sessions.Find(new string('A', 43))).IsNull();
        await Assert.That(sessions.Find("not a cookie")).IsNull();
    }

    private static (WebSessionStore Sessions, UserStore Users, ManualTime Time) Open(ScratchDirectory scratch)
    {
        var time = new ManualTime(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        var users = new UserStore(database, new AuditLog(database, time), time);
        users.Add("ann", "admin", "ann's long password", "cli");
        return (new WebSessionStore(database, time), users, time);
    }
}
