namespace CoStor.Appliance.Catalogue;

/// <summary>An audit row exactly as stored (the time as its stored text), which is what the chain hashes.</summary>
internal sealed record AuditRow(long Id, string At, string Actor, string Action, string? Target, string? Detail, string? Address, string Outcome, byte[]? Hash)
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "id, at, actor, action, target, detail, address, outcome, hash";

    public static AuditRow Read(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : (byte[])reader.GetValue(8));

    public AuditEntry ToEntry() => new(
        DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal), Actor, Action, Target, Detail)
    {
        Id = Id, Address = Address, Outcome = Outcome,
    };

    /// <summary>How a verification message names the entry: <c>entry 1234 (2026-12-04T10:00:00Z user.add)</c>.</summary>
    public string Describe()
    {
        var at = DateTimeOffset.TryParse(At, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)
            : At;
        return $"entry {Id} ({at} {Action})";
    }
}
