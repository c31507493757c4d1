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
        await Assert.That(Pragma(connection, "user_version")).IsEqualTo("4");
    }

    private static string Pragma(Microsoft.Data.Sqlite.SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
