using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// People who use the web UI, with one role each: <c>admin</c> (everything), <c>operator</c> (runs the site, sees
/// every agent), <c>restorer</c> (restores from the agents granted to it). Every change is audited in the same
/// transaction; the last enabled admin can be neither disabled nor demoted. Changes return null, or why not.
/// </summary>
public sealed partial class UserStore(CatalogueDatabase database, AuditLog audit, TimeProvider time)
{
    public static readonly string[] Roles = ["admin", "operator", "restorer"];
    public const int MinPasswordLength = 12;
    private const string Columns = "name, role, created_at, password_changed_at, disabled_at";

    /// <summary>Adds a user, or says why not (bad name, role or password, or the name is taken).</summary>
    public string? Add(string name, string role, string password, string actor, string? address = null)
    {
        if (!ValidName().IsMatch(name))
            return $"user name '{name}' must be 1-64 characters: letters, digits, '.', '-', '_'";
        if ((RoleProblem(role) ?? PasswordProblem(password)) is { } problem)
            return problem;
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        try
        {
            var now = SqliteExtensions.Time(time.GetUtcNow());
            using var insert = connection.Command(
                    "INSERT INTO users (name, role, password_hash, created_at, password_changed_at) VALUES ($name, $role, $hash, $at, $at)", transaction)
                .With("$name", name).With("$role", role).With("$hash", PasswordHash.Create(password)).With("$at", now);
            insert.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return $"user '{name}' already exists";
        }
        audit.Record(new AuditEvent(actor, "user.add", name, $"role={role}", address), connection, transaction);
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

    /// <summary>Every user, by name.</summary>
    public IReadOnlyList<UserRecord> List()
    {
        using var connection = database.Connect();
        using var command = connection.Command($"SELECT {Columns} FROM users ORDER BY name");
        using var reader = command.ExecuteReader();
        var users = new List<UserRecord>();
        while (reader.Read())
            users.Add(Read(reader));
        return users;
    }

    /// <summary>The user named <paramref name="name"/> (any case), or null.</summary>
    public UserRecord? Find(string name)
    {
        using var connection = database.Connect();
        return Find(connection, null, name);
    }

    private static UserRecord? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = connection.Command($"SELECT {Columns} FROM users WHERE name = $name", transaction).With("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static UserRecord Read(SqliteDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.ReadTime(2),
        reader.IsDBNull(3) ? null : reader.ReadTime(3), reader.IsDBNull(4) ? null : reader.ReadTime(4));

    private static string? RoleProblem(string role) => Roles.Contains(role) ? null : $"role '{role}' is not one of {string.Join(", ", Roles)}";

    private static string? PasswordProblem(string password) =>
        password.Length < MinPasswordLength ? $"password must be at least {MinPasswordLength} characters" : null;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ValidName();
}
