using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Enrolled agents: checking their credentials, listing and revoking them. A revoked agent's row, snapshots and
/// blobs stay; only its credential stops working. Last contact is written at most once a minute per agent, so a
/// backup's thousands of requests cost no extra catalogue writes.
/// </summary>
public sealed partial class AgentStore(CatalogueDatabase database, AuditLog audit, TimeProvider time)
{
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seenWritten = new();

    /// <summary>The agent if <paramref name="credential"/> is its credential and it is not revoked; else why not.</summary>
    public AgentCheck Authenticate(string agentId, string credential)
    {
        AgentRecord agent;
        using (var connection = database.Connect())
        {
            using var command = connection.Command($"SELECT {Columns}, a.secret_hash FROM {From} WHERE a.id = $id").With("$id", agentId);
            using var reader = command.ExecuteReader();
            if (!reader.Read() || !CryptographicOperations.FixedTimeEquals((byte[])reader.GetValue(8), Hash(credential)))
                return AgentCheck.Unknown;
            agent = Read(reader);
        }
        if (agent.RevokedAt is { } revoked)
            return new AgentCheck(null, $"agent {agent.Id} ({agent.Name}) was revoked on {revoked:yyyy-MM-dd HH:mm} UTC; it may no longer back up or restore (enrol the PC again with a new token)");
        NoteSeen(agent.Id);
        return new AgentCheck(agent, null);
    }

    public IReadOnlyList<AgentRecord> List()
    {
        using var connection = database.Connect();
        using var command = connection.Command($"SELECT {Columns} FROM {From} ORDER BY a.name, a.id");
        using var reader = command.ExecuteReader();
        var agents = new List<AgentRecord>();
        while (reader.Read())
            agents.Add(Read(reader));
        return agents;
    }

    public AgentRecord? Find(string agentId)
    {
        using var connection = database.Connect();
        using var command = connection.Command($"SELECT {Columns} FROM {From} WHERE a.id = $id").With("$id", agentId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Revokes an agent (recorded in the audit log as done by <paramref name="actor"/>); null if there is no such agent.</summary>
    public AgentRecord? Revoke(string agentId, string actor)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var update = connection.Command("UPDATE agents SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL", transaction)
                   .With("$at", SqliteExtensions.Time(time.GetUtcNow())).With("$id", agentId))
        {
            if (update.ExecuteNonQuery() == 1)
                audit.Record(actor, "agent.revoke", agentId, null, connection, transaction);
        }
        transaction.Commit();
        return Find(agentId);
    }

    internal static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private void NoteSeen(string agentId)
    {
        var now = time.GetUtcNow();
        if (_seenWritten.TryGetValue(agentId, out var written) && now - written < SeenResolution)
            return;
        _seenWritten[agentId] = now;
        using var connection = database.Connect();
        using var command = connection.Command("UPDATE agents SET last_seen_at = $at WHERE id = $id")
            .With("$at", SqliteExtensions.Time(now)).With("$id", agentId);
        command.ExecuteNonQuery();
    }

    private const string Columns = "a.id, a.name, a.host, a.enrolled_at, a.last_seen_at, a.revoked_at, g.name, a.expected_interval_minutes";
    private const string From = "agents a LEFT JOIN agent_groups g ON g.id = a.group_id";

    private static AgentRecord Read(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2))
    {
        EnrolledAt = reader.ReadTime(3),
        LastSeenAt = reader.IsDBNull(4) ? null : reader.ReadTime(4),
        RevokedAt = reader.IsDBNull(5) ? null : reader.ReadTime(5),
        Group = reader.IsDBNull(6) ? null : reader.GetString(6),
        ExpectedInterval = TimeSpan.FromMinutes(reader.GetInt64(7)),
    };
}
