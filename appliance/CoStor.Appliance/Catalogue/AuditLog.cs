using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>Append-only record of every action by a person or an agent. Nothing deletes from it.</summary>
public sealed class AuditLog(CatalogueDatabase database, TimeProvider time)
{
    public void Record(string actor, string action, string? target = null, string? detail = null, SqliteConnection? connection = null, SqliteTransaction? transaction = null)
    {
        var owned = connection is null ? database.Connect() : null;
        try
        {
            using var command = (connection ?? owned!).Command(
                "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($at, $actor, $action, $target, $detail)", transaction)
                .With("$at", SqliteExtensions.Time(time.GetUtcNow())).With("$actor", actor).With("$action", action)
                .With("$target", target).With("$detail", detail);
            command.ExecuteNonQuery();
        }
        finally
        {
            owned?.Dispose();
        }
    }

    public IReadOnlyList<AuditEntry> Recent(int limit)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $limit").With("$limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
            entries.Add(new AuditEntry(reader.ReadTime(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return entries;
    }
}
