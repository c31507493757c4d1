using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// What a restorer may see: agents granted to it directly, and every agent in a group granted to it (including
/// agents put in the group later). Admins and operators see every agent.
/// </summary>
public sealed partial class UserStore
{
    /// <summary>
    /// The agent ids <paramref name="name"/> may see: null means every agent (an enabled admin or operator); an unknown
    /// or disabled user sees none.
    /// </summary>
    public IReadOnlySet<string>? VisibleAgents(string name)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var user = Find(connection, transaction, name);
        if (user is not { Enabled: true })
            return new HashSet<string>();
        if (user.Role != "restorer")
            return null;
        using var command = connection.Command(
            "SELECT agent_id FROM user_agent_grants WHERE user_name = $name " +
            "UNION SELECT a.id FROM user_group_grants g JOIN agents a ON a.group_id = g.group_id WHERE g.user_name = $name", transaction).With("$name", user.Name);
        using var reader = command.ExecuteReader();
        var agents = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
            agents.Add(reader.GetString(0));
        return agents;
    }

    /// <summary>The agents and groups granted to <paramref name="name"/>.</summary>
    public UserGrants Grants(string name)
    {
        using var connection = database.Connect();
        return new UserGrants(
            Strings(connection, "SELECT agent_id FROM user_agent_grants WHERE user_name = $name ORDER BY agent_id", name),
            Strings(connection, "SELECT ag.name FROM user_group_grants g JOIN agent_groups ag ON ag.id = g.group_id WHERE g.user_name = $name ORDER BY ag.name", name));
    }

    /// <summary>Lets restorer <paramref name="name"/> see agent <paramref name="agentId"/>.</summary>
    public string? GrantAgent(string name, string agentId, string actor, string? address = null) =>
        Grant(name, actor, address, "user.grant", $"agent={agentId}", (connection, transaction, user) =>
            AgentExists(connection, transaction, agentId)
                ? Execute(connection, transaction, "INSERT OR IGNORE INTO user_agent_grants (user_name, agent_id) VALUES ($name, $value)", user, agentId)
                : $"no agent with id '{agentId}'");

    public string? RevokeAgent(string name, string agentId, string actor, string? address = null) =>
        Grant(name, actor, address, "user.ungrant", $"agent={agentId}", (connection, transaction, user) =>
            Execute(connection, transaction, "DELETE FROM user_agent_grants WHERE user_name = $name AND agent_id = $value", user, agentId));

    /// <summary>Lets restorer <paramref name="name"/> see every agent in group <paramref name="group"/>, now and later.</summary>
    public string? GrantGroup(string name, string group, string actor, string? address = null) =>
        Grant(name, actor, address, "user.grant", $"group={group}", (connection, transaction, user) =>
            AgentStore.GroupId(connection, transaction, group) is { } id
                ? Execute(connection, transaction, "INSERT OR IGNORE INTO user_group_grants (user_name, group_id) VALUES ($name, $value)", user, id)
                : $"no agent group '{group}'");

    public string? RevokeGroup(string name, string group, string actor, string? address = null) =>
        Grant(name, actor, address, "user.ungrant", $"group={group}", (connection, transaction, user) =>
            AgentStore.GroupId(connection, transaction, group) is { } id
                ? Execute(connection, transaction, "DELETE FROM user_group_grants WHERE user_name = $name AND group_id = $value", user, id)
                : $"no agent group '{group}'");

    /// <summary>A grant change for a restorer, audited when it changed something.</summary>
    private string? Grant(string name, string actor, string? address, string action, string detail, Func<SqliteConnection, SqliteTransaction, string, string?> apply)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Find(connection, transaction, name) is not { } user)
            return $"no user '{name}' (see 'costor-appliance user list')";
        if (user.Role != "restorer")
            return $"'{user.Name}' is an {user.Role} and sees every agent; grants apply to restorers";
        if (apply(connection, transaction, user.Name) is { } error)
            return error;
        if (connection.Changes(transaction) > 0)
            audit.Record(new AuditEvent(actor, action, user.Name, detail, address), connection, transaction);
        transaction.Commit();
        return null;
    }

    private static string? Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, string user, object value)
    {
        using var command = connection.Command(sql, transaction).With("$name", user).With("$value", value);
        command.ExecuteNonQuery();
        return null;
    }

    private static bool AgentExists(SqliteConnection connection, SqliteTransaction transaction, string agentId)
    {
        using var command = connection.Command("SELECT 1 FROM agents WHERE id = $id", transaction).With("$id", agentId);
        return command.ExecuteScalar() is not null;
    }

    private static List<string> Strings(SqliteConnection connection, string sql, string name)
    {
        using var command = connection.Command(sql).With("$name", name);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }
}
