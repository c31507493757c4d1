using System.Security.Cryptography;
using System.Text;
using CoStor.Core.Protocol;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// One-time enrolment tokens and the agents they created. Only hashes of tokens and agent credentials are
/// stored; a token is consumed in the same transaction that creates the agent, so it can never enrol twice.
/// </summary>
public sealed class EnrolmentStore(CatalogueDatabase database, AuditLog audit, TimeProvider time)
{
    /// <summary>Creates a token valid for <paramref name="lifetime"/> and returns it (the only copy).</summary>
    /// <summary>A one-time token carrying the site CA's fingerprint prefix (<see cref="EnrolmentToken"/>); only its hash is kept.</summary>
    public string CreateToken(TimeSpan lifetime, string actor, string caFingerprint)
    {
        var token = EnrolmentToken.Create(caFingerprint);
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.Command(
                   "INSERT INTO enrol_tokens (token_hash, created_at, expires_at) VALUES ($hash, $created, $expires)", transaction)
                   .With("$hash", Hash(token)).With("$created", SqliteExtensions.Time(now)).With("$expires", SqliteExtensions.Time(now + lifetime)))
            command.ExecuteNonQuery();
        audit.Record(actor, "token.create", detail: $"expires {SqliteExtensions.Time(now + lifetime)}", connection: connection, transaction: transaction);
        transaction.Commit();
        return token;
    }

    /// <summary>Consumes <paramref name="token"/> and registers a new agent, or says why it cannot.</summary>
    public EnrolOutcome Enrol(string token, string name, string host)
    {
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        // Checked first without the write lock, so a stream of bogus tokens never queues behind (or blocks)
        // the index writers; checked again inside the transaction, since another request may use it meanwhile.
        if (TokenProblem(connection, null, token, now) is { } early)
            return EnrolOutcome.Refused(early);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (TokenProblem(connection, transaction, token, now) is { } problem)
            return EnrolOutcome.Refused(problem);
        var agentId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var credential = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var insert = connection.Command(
                   "INSERT INTO agents (id, name, host, secret_hash, enrolled_at) VALUES ($id, $name, $host, $secret, $at)", transaction)
                   .With("$id", agentId).With("$name", name).With("$host", host).With("$secret", Hash(credential)).With("$at", SqliteExtensions.Time(now)))
            insert.ExecuteNonQuery();
        using (var use = connection.Command("UPDATE enrol_tokens SET used_at = $at, used_by = $id WHERE token_hash = $hash", transaction)
                   .With("$at", SqliteExtensions.Time(now)).With("$id", agentId).With("$hash", Hash(token)))
            use.ExecuteNonQuery();
        audit.Record($"agent:{agentId}", "agent.enrol", agentId, $"name={name} host={host}", connection, transaction);
        transaction.Commit();
        return EnrolOutcome.Enrolled(agentId, credential);
    }

    private static string? TokenProblem(SqliteConnection connection, SqliteTransaction? transaction, string token, DateTimeOffset now)
    {
        using var lookup = connection.Command("SELECT expires_at, used_at FROM enrol_tokens WHERE token_hash = $hash", transaction).With("$hash", Hash(token));
        using var reader = lookup.ExecuteReader();
        if (!reader.Read())
            return "enrolment token is not valid";
        if (!reader.IsDBNull(1))
            return "enrolment token was already used";
        return reader.ReadTime(0) <= now ? "enrolment token has expired" : null;
    }

    private static byte[] Hash(string secret) => AgentStore.Hash(secret);
}
