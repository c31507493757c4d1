using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>Disabling, enabling, password resets and role changes; each audited, the last enabled admin kept.</summary>
public sealed partial class UserStore
{
    /// <summary>Disables a user (it can no longer sign in); refused for the last enabled admin.</summary>
    public string? Disable(string name, string actor, string? address = null) => Change(name, actor, address, (user, connection, transaction) =>
    {
        if (!user.Enabled)
            return Unchanged;
        if (IsLastEnabledAdmin(connection, transaction, user))
            return new ChangeResult($"'{user.Name}' is the last enabled admin; make another user admin first", "user.disable", null);
        Update(connection, transaction, "UPDATE users SET disabled_at = $at WHERE name = $name", user.Name);
        return new ChangeResult(null, "user.disable", null);
    });

    public string? Enable(string name, string actor, string? address = null) => Change(name, actor, address, (user, connection, transaction) =>
    {
        if (user.Enabled)
            return Unchanged;
        Update(connection, transaction, "UPDATE users SET disabled_at = NULL WHERE name = $name", user.Name);
        return new ChangeResult(null, "user.enable", null);
    });

    /// <summary>Sets a new password (the same rules as <see cref="Add"/>) and records when; the old hash stops working.</summary>
    public string? ResetPassword(string name, string password, string actor, string? address = null)
    {
        if (PasswordProblem(password) is { } problem)
            return problem;
        var hash = PasswordHash.Create(password);
        return Change(name, actor, address, (user, connection, transaction) =>
        {
            using var update = connection.Command("UPDATE users SET password_hash = $hash, password_changed_at = $at WHERE name = $name", transaction)
                .With("$hash", hash).With("$at", SqliteExtensions.Time(time.GetUtcNow())).With("$name", user.Name);
            update.ExecuteNonQuery();
            return new ChangeResult(null, "user.passwd", null);
        });
    }

    /// <summary>Gives a user another role; refused when it would leave no enabled admin. A restorer's grants stay (they apply only to restorers).</summary>
    public string? ChangeRole(string name, string role, string actor, string? address = null)
    {
        if (RoleProblem(role) is { } problem)
            return problem;
        return Change(name, actor, address, (user, connection, transaction) =>
        {
            if (user.Role == role)
                return Unchanged;
            var detail = $"role={user.Role}->{role}";
            if (IsLastEnabledAdmin(connection, transaction, user))
                return new ChangeResult($"'{user.Name}' is the last enabled admin; make another user admin first", "user.role", detail);
            using var update = connection.Command("UPDATE users SET role = $role WHERE name = $name", transaction).With("$role", role).With("$name", user.Name);
            update.ExecuteNonQuery();
            return new ChangeResult(null, "user.role", detail);
        });
    }

    private static readonly ChangeResult Unchanged = new(null, null, null);

    /// <summary>
    /// What a change did: an error (audited as refused when it names an action) or the action and detail to audit;
    /// no action when nothing needed doing.
    /// </summary>
    private sealed record ChangeResult(string? Error, string? Action, string? Detail);

    /// <summary>Runs one change on an existing user inside a write transaction, with its audit entry; returns the error, if any.</summary>
    private string? Change(string name, string actor, string? address, Func<UserRecord, SqliteConnection, SqliteTransaction, ChangeResult> apply)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Find(connection, transaction, name) is not { } user)
            return $"no user '{name}' (see 'costor-appliance user list')";
        var result = apply(user, connection, transaction);
        if (result.Action is { } action)
        {
            var outcome = result.Error is null ? AuditOutcome.Ok : AuditOutcome.Refused;
            audit.Record(new AuditEvent(actor, action, user.Name, result.Detail, address, outcome), connection, transaction);
        }
        transaction.Commit();
        return result.Error;
    }

    private void Update(SqliteConnection connection, SqliteTransaction transaction, string sql, string name)
    {
        using var update = connection.Command(sql, transaction).With("$at", SqliteExtensions.Time(time.GetUtcNow())).With("$name", name);
        update.ExecuteNonQuery();
    }

    private static bool IsLastEnabledAdmin(SqliteConnection connection, SqliteTransaction transaction, UserRecord user)
    {
        if (user.Role != "admin" || !user.Enabled)
            return false;
        using var count = connection.Command("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL", transaction);
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) <= 1;
    }
}
