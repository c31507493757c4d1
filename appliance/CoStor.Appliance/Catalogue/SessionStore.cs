using System.Security.Cryptography;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Backup sessions. A session's start time is appliance time and becomes the snapshot's start, so no agent
/// can back-date a snapshot. A session commits at most one snapshot.
/// </summary>
public sealed class SessionStore(CatalogueDatabase database, TimeProvider time)
{
    public SessionRecord Start(string agentId)
    {
        var session = new SessionRecord(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), agentId, time.GetUtcNow(), null);
        using var connection = database.Connect();
        using var command = connection.Command("INSERT INTO sessions (id, agent_id, started_at) VALUES ($id, $agent, $at)")
            .With("$id", session.Id).With("$agent", agentId).With("$at", SqliteExtensions.Time(session.StartedAt));
        command.ExecuteNonQuery();
        return session;
    }

    public SessionRecord? Find(string sessionId)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT agent_id, started_at, snapshot_id FROM sessions WHERE id = $id").With("$id", sessionId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SessionRecord(sessionId, reader.GetString(0), reader.ReadTime(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    /// <summary>Whether the session has committed its snapshot, read inside the committing transaction.</summary>
    public static bool IsCommitted(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string sessionId)
    {
        using var command = connection.Command("SELECT snapshot_id FROM sessions WHERE id = $id", transaction).With("$id", sessionId);
        return command.ExecuteScalar() is string;
    }
}
