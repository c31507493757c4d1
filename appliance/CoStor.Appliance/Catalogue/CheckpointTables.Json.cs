using System.Text.Json;
using CoStor.Appliance.Replication.Checkpoint;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

public static partial class CheckpointTables
{
    /// <summary>Bytes the JSON writer may hold before they are handed to its stream.</summary>
    private const int FlushAt = 64 * 1024;

    /// <summary>
    /// Writes the catalogue's part of a checkpoint's content (<see cref="CheckpointContent"/>: agents, groups, users,
    /// sessions, snapshots, packs, retired) as properties of the JSON object <paramref name="json"/> is inside, from one read
    /// transaction, row by row: memory stays bounded by one pack's blob list and one agent's row, however many blobs
    /// the site holds (an agent's owned blobs are read straight from <c>agent_blobs</c>). The JSON is what
    /// <see cref="CheckpointJsonContext"/> reads back into the same rows <see cref="Read"/> returns.
    /// </summary>
    public static void WriteJson(CatalogueDatabase database, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var types = CheckpointJsonContext.Default;
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);

        json.WriteStartArray(Names.Agents);
        using (var owned = connection.Command("SELECT blob_id FROM agent_blobs WHERE agent_id = $agent ORDER BY blob_id", transaction).With("$agent", ""))
        using (var verified = connection.Command("SELECT blob_id FROM agent_blobs WHERE agent_id = $agent AND verified != 0 ORDER BY blob_id", transaction).With("$agent", ""))
            ForEach(connection, transaction, AgentsSql, r => WriteAgent(json, Agent(r, [], []), owned, verified));
        json.WriteEndArray();

        json.WriteStartArray(Names.Groups);
        ForEach(connection, transaction, GroupsSql, r => JsonSerializer.Serialize(json, Group(r), types.CheckpointGroup));
        json.WriteEndArray();

        var grants = Grants(connection, transaction);
        json.WriteStartArray(Names.Users);
        ForEach(connection, transaction, UsersSql, r => JsonSerializer.Serialize(json, User(r, grants), types.CheckpointUser));
        json.WriteEndArray();

        json.WriteStartArray(Names.Sessions);
        ForEach(connection, transaction, SessionsSql, r => JsonSerializer.Serialize(json, Session(r), types.CheckpointSession));
        json.WriteEndArray();

        json.WriteStartArray(Names.Snapshots);
        ForEach(connection, transaction, SnapshotsSql, r => Pump(json, () => JsonSerializer.Serialize(json, Snapshot(r), types.CheckpointSnapshot)));
        json.WriteEndArray();

        json.WriteStartArray(Names.Packs);
        foreach (var pack in SealedPacks(connection, transaction))
            Pump(json, () => JsonSerializer.Serialize(json, pack, types.CheckpointPack));
        json.WriteEndArray();

        json.WriteStartArray(Names.Retired);
        foreach (var retirement in Retirements(connection, transaction))
            Pump(json, () => JsonSerializer.Serialize(json, retirement, types.CheckpointRetirement));
        json.WriteEndArray();
    }

    /// <summary>An agent as the context writes a <see cref="CheckpointAgent"/>, its two blob lists streamed from the catalogue.</summary>
    private static void WriteAgent(Utf8JsonWriter json, CheckpointAgent agent, SqliteCommand owned, SqliteCommand verified)
    {
        json.WriteStartObject();
        json.WriteString(Names.AgentId, agent.Id);
        json.WriteString(Names.AgentName, agent.Name);
        json.WriteString(Names.AgentHost, agent.Host);
        json.WriteBase64String(Names.AgentSecretHash, agent.SecretHash);
        json.WriteString(Names.AgentEnrolledAt, agent.EnrolledAt);
        json.WriteString(Names.AgentLastSeenAt, agent.LastSeenAt);
        json.WriteString(Names.AgentRevokedAt, agent.RevokedAt);
        if (agent.GroupId is { } group)
            json.WriteNumber(Names.AgentGroupId, group);
        else
            json.WriteNull(Names.AgentGroupId);
        json.WriteNumber(Names.AgentExpectedIntervalMinutes, agent.ExpectedIntervalMinutes);
        foreach (var (name, command) in new[] { (Names.AgentOwned, owned), (Names.AgentVerified, verified) })
        {
            json.WriteStartArray(name);
            command.Parameters["$agent"].Value = agent.Id;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    Pump(json, () => json.WriteBase64StringValue((byte[])reader.GetValue(0)));
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void ForEach(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteDataReader> write)
    {
        using var command = connection.Command(sql, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            write(reader);
    }

    /// <summary>Writes, then hands what the writer holds to its stream once it passes <see cref="FlushAt"/>.</summary>
    private static void Pump(Utf8JsonWriter json, Action write)
    {
        write();
        if (json.BytesPending >= FlushAt)
            json.Flush();
    }

    /// <summary>Property names as <see cref="CheckpointJsonContext"/> (web defaults: camelCase) writes them.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Agents = Of(nameof(CheckpointContent.Agents)), Groups = Of(nameof(CheckpointContent.Groups)),
            Users = Of(nameof(CheckpointContent.Users)), Sessions = Of(nameof(CheckpointContent.Sessions)),
            Snapshots = Of(nameof(CheckpointContent.Snapshots)), Packs = Of(nameof(CheckpointContent.Packs)), Retired = Of(nameof(CheckpointContent.Retired)),
            AgentId = Of(nameof(CheckpointAgent.Id)), AgentName = Of(nameof(CheckpointAgent.Name)), AgentHost = Of(nameof(CheckpointAgent.Host)),
            AgentSecretHash = Of(nameof(CheckpointAgent.SecretHash)), AgentEnrolledAt = Of(nameof(CheckpointAgent.EnrolledAt)),
            AgentLastSeenAt = Of(nameof(CheckpointAgent.LastSeenAt)), AgentRevokedAt = Of(nameof(CheckpointAgent.RevokedAt)),
            AgentGroupId = Of(nameof(CheckpointAgent.GroupId)), AgentExpectedIntervalMinutes = Of(nameof(CheckpointAgent.ExpectedIntervalMinutes)),
            AgentOwned = Of(nameof(CheckpointAgent.Owned)), AgentVerified = Of(nameof(CheckpointAgent.Verified));

        private static JsonEncodedText Of(string property) => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(property));
    }
}
