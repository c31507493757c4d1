namespace CoStor.Appliance.Catalogue;

public sealed partial class UserStore
{
    /// <summary>A hash of a password nobody has, checked when the name is unknown so that both answers take as long.</summary>
    private static readonly Lazy<string> DecoyHash = new(() => PasswordHash.Create(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>
    /// The user's exact name and role when the password matches an enabled user; null otherwise. An unknown name
    /// costs one password check too, so timing does not tell which names exist.
    /// </summary>
    public (string Name, string Role)? SignIn(string name, string password)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT name, role, password_hash FROM users WHERE name = $name AND disabled_at IS NULL").With("$name", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            PasswordHash.Verify(password, DecoyHash.Value);
            return null;
        }
        return PasswordHash.Verify(password, reader.GetString(2)) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Whether an enabled admin exists (no: the appliance offers the first-run setup link).</summary>
    public bool HasEnabledAdmin()
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
