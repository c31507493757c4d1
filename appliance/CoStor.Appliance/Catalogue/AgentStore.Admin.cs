using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// What admins change about agents: display name, group (at most one per agent — a PC sits in one room), expected
/// backup interval. Each change is audited in its transaction; each returns null, or why not (and changes nothing).
/// </summary>
public sealed partial class AgentStore
{
    public const int MaxNameLength = 128, MaxGroupNameLength = 64;
    public const int DefaultIntervalMinutes = 1440, MaxIntervalMinutes = 366 * 1440;

    /// <summary>Gives the agent a new display name (1–128 printable characters, trimmed).</summary>
    public string? Rename(string agentId, string name, string actor, string? address = null)
    {
        if (DisplayName.Check(name, MaxNameLength, "agent name", out var problem) is not { } checkedName)
            return problem;
        return Change(agentId, actor, address, "agent.rename", (connection, transaction, agent) =>
        {
            Execute(connection, transaction, "UPDATE agents SET name = $value WHERE id = $id", agentId, checkedName);
            return (null, $"name={agent.Name}->{checkedName}");
        });
    }

    /// <summary>Puts the agent in group <paramref name="group"/>, or in none when null (it leaves any group it was in).</summary>
    public string? SetGroup(string agentId, string? group, string actor, string? address = null) =>
        Change(agentId, actor, address, "agent.group", (connection, transaction, agent) =>
        {
            var groupId = group is null ? null : GroupId(connection, transaction, group);
            if (group is not null && groupId is null)
                return ($"no agent group '{group}'", null);
            Execute(connection, transaction, "UPDATE agents SET group_id = $value WHERE id = $id", agentId, groupId);
            return (null, $"group={agent.Group ?? "(none)"}->{group?.Trim() ?? "(none)"}");
        });

    /// <summary>Sets how often the agent should back up (1 minute to 366 days); the dashboard's "overdue" follows it.</summary>
    public string? SetExpectedInterval(string agentId, int minutes, string actor, string? address = null)
    {
        if (minutes is < 1 or > MaxIntervalMinutes)
            return $"expected interval must be 1-{MaxIntervalMinutes} minutes";
        return Change(agentId, actor, address, "agent.interval", (connection, transaction, agent) =>
        {
            Execute(connection, transaction, "UPDATE agents SET expected_interval_minutes = $value WHERE id = $id", agentId, minutes);
            return (null, $"minutes={(long)agent.ExpectedInterval.TotalMinutes}->{minutes}");
        });
    }

    /// <summary>Creates an empty group (name 1–64 printable characters, unique regardless of case).</summary>
    public string? CreateGroup(string name, string actor, string? address = null)
    {
        if (DisplayName.Check(name, MaxGroupNameLength, "group name", out var problem) is not { } checkedName)
            return problem;
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            using var insert = connection.Command("INSERT INTO agent_groups (name, created_at) VALUES ($name, $at)", transaction)
                .With("$name", checkedName).With("$at", SqliteExtensions.Time(time.GetUtcNow()));
            insert.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return $"agent group '{checkedName}' already exists";
        }
        audit.Record(new AuditEvent(actor, "group.create", checkedName, null, address), connection, transaction);
        transaction.Commit();
        return null;
    }

    /// <summary>Every group, by name, with how many agents it holds.</summary>
    public IReadOnlyList<AgentGroup> Groups()
    {
        using var connection = database.Connect();
        using var command = connection.Command(
            "SELECT g.id, g.name, (SELECT count(*) FROM agents a WHERE a.group_id = g.id) FROM agent_groups g ORDER BY g.name");
        using var reader = command.ExecuteReader();
        var groups = new List<AgentGroup>();
        while (reader.Read())
            groups.Add(new AgentGroup(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)));
        return groups;
    }

    /// <summary>The id of the group named <paramref name="name"/> (any case), or null.</summary>
    internal static long? GroupId(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.Command("SELECT id FROM agent_groups WHERE name = $name", transaction).With("$name", name.Trim());
        return command.ExecuteScalar() is long id ? id : null;
    }

    /// <summary>
    /// Applies one change to an existing agent and audits it; <paramref name="apply"/> returns why not (the transaction
    /// is rolled back) or the audit detail.
    /// </summary>
    private string? Change(string agentId, string actor, string? address, string action,
        Func<SqliteConnection, SqliteTransaction, AgentRecord, (string? Error, string? Detail)> apply)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        AgentRecord? agent;
        using (var find = connection.Command($"SELECT {Columns} FROM {From} WHERE a.id = $id", transaction).With("$id", agentId))
        using (var reader = find.ExecuteReader())
            agent = reader.Read() ? Read(reader) : null;
        if (agent is null)
            return $"no agent with id '{agentId}' (see 'costor-appliance agent list')";
        var (error, detail) = apply(connection, transaction, agent);
        if (error is not null)
            return error;
        audit.Record(new AuditEvent(actor, action, agentId, detail, address), connection, transaction);
        transaction.Commit();
        return null;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, object id, object? value)
    {
        using var command = connection.Command(sql, transaction).With("$id", id).With("$value", value);
        command.ExecuteNonQuery();
    }
}
