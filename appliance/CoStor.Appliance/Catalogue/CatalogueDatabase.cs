using System.Reflection;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The SQLite catalogue: WAL, <c>synchronous=FULL</c> (a committed transaction survives power loss),
/// numbered migrations embedded in the binary and keyed on <c>PRAGMA user_version</c>.
/// </summary>
public sealed partial class CatalogueDatabase
{
    private static readonly string[] Migrations = ["001_initial.sql", "002_users.sql", "003_agent_revocation.sql", "004_admin.sql", "005_web_sessions.sql", "006_replication.sql", "007_replication_status.sql", "008_blobs_by_pack.sql", "009_retired_packs.sql"];

    /// <summary>Steps SQL cannot do (SHA-256), run after a migration's script in its transaction.</summary>
    private static readonly Dictionary<string, Action<SqliteConnection, SqliteTransaction>> AfterMigration = new()
    {
        ["004_admin.sql"] = AuditChain.ChainExisting,
    };
    private readonly string _connectionString;

    static CatalogueDatabase() => SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());

    private CatalogueDatabase(string path) : this(new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true,
    })
    {
    }

    private CatalogueDatabase(SqliteConnectionStringBuilder connection) => _connectionString = connection.ToString();

    /// <summary>Opens (creating if needed) and migrates the catalogue at <paramref name="path"/>.</summary>
    public static CatalogueDatabase Open(string path)
    {
        var database = new CatalogueDatabase(path);
        using var connection = database.Connect();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
            throw new Errors.ApplianceException($"catalogue {path} has schema version {version}, newer than this appliance ({Migrations.Length})");
        for (var i = version; i < Migrations.Length; i++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, ReadMigration(Migrations[i]), transaction);
            if (AfterMigration.TryGetValue(Migrations[i], out var step))
                step(connection, transaction);
            Execute(connection, $"PRAGMA user_version = {i + 1};", transaction);
            transaction.Commit();
        }
        return database;
    }

    /// <summary>
    /// A pooled connection with the per-connection settings every caller relies on: full sync, foreign keys, a busy
    /// timeout, and statement journals in memory (why: docs/decisions.md, "Statement journals stay in memory").
    /// </summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA mmap_size=67108864; PRAGMA temp_store=MEMORY;");
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string ReadMigration(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CoStor.Appliance.Catalogue.Migrations." + name)
            ?? throw new InvalidOperationException($"migration {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
