using System.Runtime.CompilerServices;
using CoStor.Appliance.Catalogue;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>A catalogue as a version-3 appliance left it (the embedded scripts 001–003 only), with unchained audit rows and one snapshot (agent a1, snap1: 7 files, 4096 bytes, 1024 new, 5 unreadable).</summary>
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
        Execute(connection, "INSERT INTO agents (id, name, host, secret_hash, enrolled_at) VALUES ('a1', 'pc', 'host', zeroblob(32), '2026-11-01T08:00:00.0000000Z')");
        Execute(connection, "INSERT INTO sessions (id, agent_id, started_at, snapshot_id) VALUES ('s1', 'a1', '2026-11-01T08:00:00.0000000Z', 'snap1')");
        Execute(connection, "INSERT INTO snapshots (id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json) VALUES " +
                            "('snap1', 'a1', 's1', 'host', '2026-11-01T08:00:00.0000000Z', '2026-11-01T09:00:00.0000000Z', 'partial', zeroblob(32), " +
                            "'{\"id\":\"snap1\",\"stats\":{\"files\":7,\"directories\":2,\"bytes\":4096,\"newBlobs\":3,\"newBytes\":1024,\"unreadableCount\":5}}')");
        Execute(connection, "PRAGMA user_version = 3;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
