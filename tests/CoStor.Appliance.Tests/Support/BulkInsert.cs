using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Tests.Support;

/// <summary>Prepared statements for generating large catalogues in tests and benchmarks (one prepare, many runs).</summary>
public static class BulkInsert
{
    /// <summary>A prepared command in <paramref name="transaction"/> with the named parameters, in that order.</summary>
    public static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    /// <summary>Runs <paramref name="command"/> with its parameters set to <paramref name="values"/>, in order.</summary>
    public static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }
}
