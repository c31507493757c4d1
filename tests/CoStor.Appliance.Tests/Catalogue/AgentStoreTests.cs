using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

public class AgentStoreTests
{
    [Test]
    public async Task A_revoked_agent_is_refused_with_a_clear_reason_and_keeps_its_row_and_last_contact()
    {
        using var scratch = new ScratchDirectory();
        var (enrolment, agents, time, audit) = EnrolmentStoreTests.Opened(scratch);
        var enrolled = enrolment.Enrol(enrolment.CreateToken(TimeSpan.FromHours(1), "cli", TestFingerprint.Value), "pc-7", "host");
        await Assert.That(agents.Authenticate(enrolled.AgentId!, enrolled.Credential!).Agent).IsNotNull();
        time.Advance(TimeSpan.FromHours(2));

        var revoked = agents.Revoke(enrolled.AgentId!, "cli");
        var check = agents.Authenticate(enrolled.AgentId!, enrolled.Credential!);

        await Assert.That(revoked!.RevokedAt).IsEqualTo(time.GetUtcNow());
        await Assert.That(check.Agent).IsNull();
        await Assert.That(check.Refusal).Contains("was revoked on 2026-11-26 14:00 UTC");
        var listed = agents.List().Single();
        await Assert.That(listed.LastSeenAt).IsEqualTo(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        await Assert.That(listed.RevokedAt).IsNotNull();
        await Assert.That(audit.Recent(10).Select(e => e.Action).First()).IsEqualTo("agent.revoke");
        await Assert.That(agents.Revoke("nosuchagent", "cli")).IsNull();
    }

    [Test]
    public async Task Last_contact_is_written_at_most_once_a_minute()
    {
        using var scratch = new ScratchDirectory();
        var (enrolment, agents, time, _) = EnrolmentStoreTests.Opened(scratch);
        var enrolled = enrolment.Enrol(enrolment.CreateToken(TimeSpan.FromHours(1), "cli", TestFingerprint.Value), "pc", "host");
        var start = time.GetUtcNow();

        agents.Authenticate(enrolled.AgentId!, enrolled.Credential!);
        time.Advance(TimeSpan.FromSeconds(30));
        agents.Authenticate(enrolled.AgentId!, enrolled.Credential!);
        await Assert.That(agents.List().Single().LastSeenAt).IsEqualTo(start);
        time.Advance(TimeSpan.FromSeconds(31));
        agents.Authenticate(enrolled.AgentId!, enrolled.Credential!);
        await Assert.That(agents.List().Single().LastSeenAt).IsEqualTo(start + TimeSpan.FromSeconds(61));
    }
}
