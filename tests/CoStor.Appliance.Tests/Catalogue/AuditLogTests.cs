using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>The audit log's hash chain: what verification accepts and the first broken link it names.</summary>
public class AuditLogTests
{
    [Test]
    public async Task An_untouched_chain_verifies_and_its_head_matches_the_anchor()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 5);

        var result = audit.Verify();

        await Assert.That(result.Problem).IsNull();
        await Assert.That(result.Entries).IsEqualTo(5);
        await Assert.That(result.Head!.ToString()).IsEqualTo(audit.Head()!.ToString());
        await Assert.That(audit.Verify(audit.Head()).Ok).IsTrue();
        await Assert.That(audit.Recent(1).Single().Id).IsEqualTo(5);
        await Assert.That(Scalar(database, "SELECT count(*) FROM audit_log WHERE length(hash) = 32")).IsEqualTo(5L);
    }

    [Test]
    public async Task Editing_a_rows_detail_breaks_the_link_at_that_row()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 5);
        Execute(database, "UPDATE audit_log SET detail = 'role=restorer' WHERE id = 3");

        await Assert.That(audit.Verify().Problem).IsEqualTo("entry 3 (2026-12-04T10:02:00Z user.add): hash does not match");
    }

    [Test]
    public async Task Deleting_a_middle_row_is_detected_by_the_gap_in_ids()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 5);
        Execute(database, "DELETE FROM audit_log WHERE id = 3");

        await Assert.That(audit.Verify().Problem).IsEqualTo("entry 4 (2026-12-04T10:03:00Z user.add): entry 3 before it is missing (deleted entry detected)");
    }

    [Test]
    public async Task Swapping_two_rows_is_reported_as_reordered()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 5);
        Execute(database, "UPDATE audit_log SET id = -1 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -1");

        await Assert.That(audit.Verify().Problem).IsEqualTo("entry 2 (2026-12-04T10:02:00Z user.add): out of order with entry 3 (reordered)");
    }

    [Test]
    public async Task Deleting_the_newest_rows_is_caught_by_the_anchor_and_later_appends_keep_the_gap()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 5);
        Execute(database, "DELETE FROM audit_log WHERE id >= 4");

        await Assert.That(audit.Verify().Problem).IsEqualTo("entries 4..5 are missing at the end (the anchor records 5 entries up to entry 5)");
        audit.Record("cli", "user.add", "later");
        await Assert.That(audit.Verify().Problem).IsEqualTo("entry 6 (2026-12-04T10:05:00Z user.add): entries 4..5 before it are missing (deleted entries detected)");
    }

    [Test]
    public async Task A_rewritten_chain_passes_alone_but_not_against_an_exported_head()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 5);
        var exported = audit.Head()!;
        // Someone who knows the format edits a row and re-hashes everything after it, anchor included.
        Execute(database, "UPDATE audit_log SET detail = 'forged', hash = NULL; DELETE FROM audit_anchor");
        AuditChainForger.Rechain(database);

        await Assert.That(audit.Verify().Ok).IsTrue();
        await Assert.That(audit.Verify(exported).Problem).IsEqualTo("entry 5: hash does not match the exported head");
    }

    [Test]
    public async Task A_row_inserted_around_the_log_has_no_hash_and_is_named()
    {
        using var scratch = new ScratchDirectory();
        var (database, audit, _) = Filled(scratch, 2);
        Execute(database, "INSERT INTO audit_log (id, at, actor, action) VALUES (3, '2026-12-04T11:00:00.0000000Z', 'cli', 'user.add')");

        await Assert.That(audit.Verify().Problem).IsEqualTo("entry 3 (2026-12-04T11:00:00Z user.add): has no hash (written around the audit log)");
    }

    [Test]
    public async Task Concurrent_appends_from_many_connections_stay_one_linear_chain()
    {
        using var scratch = new ScratchDirectory();
        var (_, audit, _) = Filled(scratch, 0);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
                audit.Record(new AuditEvent($"user:w{writer}", "test.append", i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "192.0.2.7"));
        })));

        var result = audit.Verify();
        await Assert.That(result.Problem).IsNull();
        await Assert.That(result.Entries).IsEqualTo(200);
    }

    [Test]
    public async Task Rows_from_before_the_chain_are_chained_by_the_migration()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "catalogue.db");
        LegacyCatalogue.Create(path, rows: 3);

        var audit = new AuditLog(CatalogueDatabase.Open(path), new ManualTime(At(10)));
        audit.Record("cli", "after.migration");

        var result = audit.Verify();
        await Assert.That(result.Problem).IsNull();
        await Assert.That(result.Entries).IsEqualTo(4);
        await Assert.That(audit.Recent(4).Select(e => e.Outcome).Distinct().Single()).IsEqualTo(AuditOutcome.Ok);
    }

    internal static (CatalogueDatabase Database, AuditLog Audit, ManualTime Time) Filled(ScratchDirectory scratch, int entries)
    {
        var time = new ManualTime(At(0));
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        var audit = new AuditLog(database, time);
        for (var i = 0; i < entries; i++)
        {
            audit.Record("cli", "user.add", $"user{i}", "role=admin");
            time.Advance(TimeSpan.FromMinutes(1));
        }
        return (database, audit, time);
    }

    internal static DateTimeOffset At(int minute) => new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero).AddMinutes(minute);

    internal static void Execute(CatalogueDatabase database, string sql)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(CatalogueDatabase database, string sql)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
