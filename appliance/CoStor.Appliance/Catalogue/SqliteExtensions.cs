using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>Small helpers that keep SQL next to the store methods short.</summary>
internal static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Rows the connection's last INSERT, UPDATE or DELETE changed (SQLite's <c>changes()</c>).</summary>
    public static long Changes(this SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.Command("SELECT changes()", transaction);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An SQL list of <paramref name="count"/> parameters (<c>($p0, $p1)</c>; <c>()</c> when empty, which SQLite accepts).</summary>
    public static string List(int count, string prefix) => "(" + string.Join(", ", Enumerable.Range(0, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";

    /// <summary>Binds the values of a <see cref="List"/> in order.</summary>
    public static SqliteCommand WithList(this SqliteCommand command, string prefix, IEnumerable<string> values)
    {
        var i = 0;
        foreach (var value in values)
            command.With(prefix + (i++).ToString(System.Globalization.CultureInfo.InvariantCulture), value);
        return command;
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
