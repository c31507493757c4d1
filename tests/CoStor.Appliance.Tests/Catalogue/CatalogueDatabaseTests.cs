using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

public class CatalogueDatabaseTests
{
    [Test]
    public async Task Connections_are_durable_check_references_and_journal_statements_in_memory()
    {
        using var scratch = new ScratchDirectory();
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        using var connection = database.Connect();

        await Assert.That(Pragma(connection, "journal_mode")).IsEqualTo("wal");
        await Assert.That(Pragma(connection, "synchronous")).IsEqualTo("2"); // FULL
        await Assert.That(Pragma(connection, "foreign_keys")).IsEqualTo("1");
        await Assert.That(Pragma(connection, "temp_store")).IsEqualTo("2"); // MEMORY
        await Assert.That(Pragma(connection, "user_version")).IsEqualTo("9");
    }

    [Test]
    public async Task Migration_4_copies_snapshot_stats_into_columns_and_keeps_agents_in_no_group_with_a_daily_interval()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "catalogue.db");
        LegacyCatalogue.Create(path, rows: 1);

        var database = CatalogueDatabase.Open(path);
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT files || ' ' || bytes || ' ' || new_bytes || ' ' || unreadable FROM snapshots WHERE id = 'snap1'";
        await Assert.That((string)command.ExecuteScalar()!).IsEqualTo("7 4096 1024 5");
        var agent = new AgentStore(database, new AuditLog(database, TimeProvider.System), TimeProvider.System).Find("a1")!;
        await Assert.That(agent.Group).IsNull();
        await Assert.That(agent.ExpectedInterval).IsEqualTo(TimeSpan.FromDays(1));
    }

    private static string Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
