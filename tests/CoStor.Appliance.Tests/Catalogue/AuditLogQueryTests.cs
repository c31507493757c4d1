using System.Text;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>The audit page's filters and cursor, and the CSV export.</summary>
public class AuditLogQueryTests
{
    [Test]
    public async Task Filters_by_actor_action_prefix_and_time_and_pages_newest_first()
    {
        using var scratch = new ScratchDirectory();
        var (_, audit, time) = AuditLogTests.Filled(scratch, 0);
        foreach (var (actor, action) in new[] { ("user:ann", "user.add"), ("user:bob", "agent.rename"), ("user:ann", "user.role"), ("user:ann", "login"), ("user:ann", "user.disable") })
        {
            audit.Record(new AuditEvent(actor, action, Address: "192.0.2.1"));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = audit.Query(new AuditQuery(Actor: "user:ann", ActionPrefix: "user.", Limit: 2));
        await Assert.That(first.Entries.Select(e => e.Action).ToArray()).IsEquivalentTo(["user.disable", "user.role"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        var second = audit.Query(new AuditQuery(Actor: "user:ann", ActionPrefix: "user.", Before: first.NextBefore, Limit: 2));
        await Assert.That(second.Entries.Select(e => e.Action).ToArray()).IsEquivalentTo(["user.add"]);
        await Assert.That(second.NextBefore).IsNull();

        var window = audit.Query(new AuditQuery(From: AuditLogTests.At(1), To: AuditLogTests.At(3)));
        await Assert.That(window.Entries.Select(e => e.Id).ToArray()).IsEquivalentTo([3L, 2L], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(window.Entries[0].Address).IsEqualTo("192.0.2.1");
        await Assert.That(audit.Query(new AuditQuery(ActionPrefix: "user%")).Entries).IsEmpty();
    }

    [Test]
    public async Task Csv_export_quotes_by_rfc_4180_and_defuses_formulas()
    {
        using var scratch = new ScratchDirectory();
        var (_, audit, _) = AuditLogTests.Filled(scratch, 0);
        audit.Record(new AuditEvent("user:ann", "agent.rename", "=HYPERLINK(\"http://x\")", "name=a,b\r\nc", "192.0.2.1", AuditOutcome.Failed));
        audit.Record(new AuditEvent("@evil", "user.add", "+1", "-2"));

        using var output = new MemoryStream();
        await audit.ExportCsvAsync(new AuditQuery(), output);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n");

        await Assert.That(lines[0]).IsEqualTo("id,at,actor,action,target,detail,address,outcome,hash");
        await Assert.That(lines[1]).StartsWith("1,2026-12-04T10:00:00.0000000Z,user:ann,agent.rename,\"'=HYPERLINK(\"\"http://x\"\")\",\"name=a,b");
        await Assert.That(lines[2]).Matches("^c\",192\\.0\\.2\\.1,failed,[0-9a-f]{64}$");
        await Assert.That(lines[3]).StartsWith("2,2026-12-04T10:00:00.0000000Z,'@evil,user.add,'+1,'-2,,ok,");
        await Assert.That(lines[4]).IsEmpty();
        await Assert.That(AuditCsv.Cell("plain")).IsEqualTo("plain");
        await Assert.That(AuditCsv.Cell(null)).IsEqualTo("");
    }
}
