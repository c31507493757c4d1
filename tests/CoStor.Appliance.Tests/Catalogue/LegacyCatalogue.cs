using System.Runtime.CompilerServices;
using CoStor.Appliance.Catalogue;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>A catalogue as a version-3 appliance left it (the embedded scripts 001–003 only), with unchained audit rows.</summary>
internal static class LegacyCatalogue
{
    public static void Create(string path, int rows)
    {
        RuntimeHelpers.RunClassConstructor(typeof(CatalogueDatabase).TypeHandle); // selects the SQLite provider
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        foreach (var name in new[] { "001_initial.sql", "002_users.sql", "003_agent_revocation.sql" })
        {
            using var stream = typeof(CatalogueDatabase).Assembly.GetManifestResourceStream("CoStor.Appliance.Catalogue.Migrations." + name)!;
            Execute(connection, new StreamReader(stream).ReadToEnd());
        }
        for (var i = 1; i <= rows; i++)
            Execute(connection, $"INSERT INTO audit_log (at, actor, action, target, detail) VALUES ('2026-11-0{i}T08:00:00.0000000Z', 'cli', 'user.add', 'old{i}', NULL)");
        Execute(connection, "PRAGMA user_version = 3;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
