using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

public class EnrolmentStoreTests
{
    [Test]
    public async Task Token_enrols_once_then_is_refused()
    {
        using var scratch = new ScratchDirectory();
        var (store, _, _) = Open(scratch);
        var token = store.CreateToken(TimeSpan.FromHours(1), "cli", TestFingerprint.Value);

        var first = store.Enrol(token, "pc-1", "host");
        var second = store.Enrol(token, "pc-2", "host");

        await Assert.That(first.AgentId).IsNotNull();
        await Assert.That(second.Error).IsEqualTo("enrolment token was already used");
        await Assert.That(Opened(scratch).Agents.List().Select(a => a.Name).ToArray()).IsEquivalentTo(new[] { "pc-1" });
    }

    [Test]
    public async Task Expired_token_is_refused_and_creates_no_agent()
    {
        using var scratch = new ScratchDirectory();
        var (store, time, _) = Open(scratch);
        var token = store.CreateToken(TimeSpan.FromHours(1), "cli", TestFingerprint.Value);
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var outcome = store.Enrol(token, "pc", "host");

        await Assert.That(outcome.Error).IsEqualTo("enrolment token has expired");
        await Assert.That(Opened(scratch).Agents.List()).IsEmpty();
    }

    [Test]
    public async Task Unknown_token_and_wrong_credential_are_refused()
    {
        using var scratch = new ScratchDirectory();
        var (store, _, _) = Open(scratch);
        var enrolled = store.Enrol(store.CreateToken(TimeSpan.FromHours(1), "cli", TestFingerprint.Value), "pc", "host");

        await Assert.That(store.Enrol("cst_unknown", "pc", "host").Error).IsEqualTo("enrolment token is not valid");
        await Assert.That(Opened(scratch).Agents.Authenticate(enrolled.AgentId!, enrolled.Credential!).Agent?.Name).IsEqualTo("pc");
        await Assert.That(Opened(scratch).Agents.Authenticate(enrolled.AgentId!, enrolled.Credential! + "x").Agent).IsNull();
        await Assert.That(Opened(scratch).Agents.Authenticate("nosuchagent", enrolled.Credential!).Agent).IsNull();
    }

    [Test]
    public async Task Token_creation_and_enrolment_are_audited()
    {
        using var scratch = new ScratchDirectory();
        var (store, _, audit) = Open(scratch);
        store.Enrol(store.CreateToken(TimeSpan.FromHours(1), "cli", TestFingerprint.Value), "pc", "host");

        var actions = audit.Recent(10).Select(e => e.Action).ToArray();
        await Assert.That(actions).IsEquivalentTo(new[] { "agent.enrol", "token.create" });
    }

    private static (EnrolmentStore Store, ManualTime Time, AuditLog Audit) Open(ScratchDirectory scratch) =>
        (Opened(scratch).Enrolment, Opened(scratch).Time, Opened(scratch).Audit);

    private static readonly Dictionary<string, (EnrolmentStore Enrolment, AgentStore Agents, ManualTime Time, AuditLog Audit)> Sites = [];

    /// <summary>The stores over one catalogue per scratch directory (the same ones on every call).</summary>
    internal static (EnrolmentStore Enrolment, AgentStore Agents, ManualTime Time, AuditLog Audit) Opened(ScratchDirectory scratch)
    {
        lock (Sites)
        {
            if (Sites.TryGetValue(scratch.Path, out var site))
                return site;
            var time = new ManualTime(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
            var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
            var audit = new AuditLog(database, time);
            return Sites[scratch.Path] = (new EnrolmentStore(database, audit, time), new AgentStore(database, audit, time), time, audit);
        }
    }
}
