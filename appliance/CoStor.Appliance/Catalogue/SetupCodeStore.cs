using System.Security.Cryptography;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The one-time code of the first-run setup link. A new code replaces any earlier one (each start that finds no
/// enabled admin prints a fresh link); the code is spent when the first admin is created through it.
/// </summary>
public sealed class SetupCodeStore(CatalogueDatabase database, TimeProvider time)
{
    public string Issue()
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using (var clear = connection.Command("DELETE FROM setup_codes", transaction))
            clear.ExecuteNonQuery();
        using (var insert = connection.Command("INSERT INTO setup_codes (code_hash, created_at) VALUES ($h, $at)", transaction)
                   .With("$h", Hash(code)).With("$at", SqliteExtensions.Time(time.GetUtcNow())))
            insert.ExecuteNonQuery();
        transaction.Commit();
        return code;
    }

    public bool IsValid(string? code)
    {
        if (code is null || code.Length != 32)
            return false;
        using var connection = database.Connect();
        using var select = connection.Command("SELECT count(*) FROM setup_codes WHERE code_hash = $h").With("$h", Hash(code));
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Removes every code; returns whether <paramref name="code"/> was the live one (only one caller wins).</summary>
    public bool Spend(string code)
    {
        using var connection = database.Connect();
        using var delete = connection.Command("DELETE FROM setup_codes WHERE code_hash = $h").With("$h", Hash(code));
        return delete.ExecuteNonQuery() == 1;
    }

    /// <summary>Puts back a code spent by an attempt that then failed (a bad name or password), unless a newer one exists.</summary>
    public void Restore(string code)
    {
        using var connection = database.Connect();
        using var insert = connection.Command(
                "INSERT INTO setup_codes (code_hash, created_at) SELECT $h, $at WHERE NOT EXISTS (SELECT 1 FROM setup_codes)")
            .With("$h", Hash(code)).With("$at", SqliteExtensions.Time(time.GetUtcNow()));
        insert.ExecuteNonQuery();
    }

    private static byte[] Hash(string code) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code));
}
