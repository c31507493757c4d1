using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>People who use the web UI, with one role each. Every change is audited.</summary>
public sealed partial class UserStore(CatalogueDatabase database, AuditLog audit, TimeProvider time)
{
    public static readonly string[] Roles = ["admin", "operator", "restorer"];
    public const int MinPasswordLength = 12;

    /// <summary>Adds a user, or says why not (bad name, role or password, or the name is taken).</summary>
    public string? Add(string name, string role, string password, string actor)
    {
        if (!ValidName().IsMatch(name))
            return $"user name '{name}' must be 1-64 characters: letters, digits, '.', '-', '_'";
        if (!Roles.Contains(role))
            return $"role '{role}' is not one of {string.Join(", ", Roles)}";
        if (password.Length < MinPasswordLength)
            return $"password must be at least {MinPasswordLength} characters";
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        try
        {
            using var insert = connection.Command(
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES ($name, $role, $hash, $at)", transaction)
                .With("$name", name).With("$role", role).With("$hash", PasswordHash.Create(password)).With("$at", SqliteExtensions.Time(time.GetUtcNow()));
            insert.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return $"user '{name}' already exists";
        }
        audit.Record(actor, "user.add", name, $"role={role}", connection, transaction);
        transaction.Commit();
        return null;
    }

    /// <summary>The user's role when the name and password match an enabled user; null otherwise.</summary>
    public string? Authenticate(string name, string password)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT role, password_hash FROM users WHERE name = $name AND disabled_at IS NULL").With("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() && PasswordHash.Verify(password, reader.GetString(1)) ? reader.GetString(0) : null;
    }

    public int Count()
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT count(*) FROM users");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidName();
}
