namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Failed sign-ins per subject (an account or an address). After <paramref name="freeFailures"/> failures a subject is
/// locked, first for one minute, doubling with each further failure up to <paramref name="maxLock"/>; a success clears
/// the account's count. Kept in the catalogue so a restart does not reset a lockout.
/// </summary>
public sealed class LoginFailureStore(CatalogueDatabase database, TimeProvider time)
{
    /// <summary>Until when the subject is locked, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string subject)
    {
        using var connection = database.Connect();
        using var select = connection.Command("SELECT locked_until FROM login_failures WHERE subject = $s").With("$s", subject);
        if (select.ExecuteScalar() is not string until)
            return null;
        var at = DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        return at > time.GetUtcNow() ? at : null;
    }

    /// <summary>Counts a failure; returns the new lock end when this failure locks the subject.</summary>
    public DateTimeOffset? Fail(string subject, int freeFailures, TimeSpan maxLock)
    {
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var upsert = connection.Command(
                """
                INSERT INTO login_failures (subject, failures, last_failure_at) VALUES ($s, 1, $now)
                ON CONFLICT (subject) DO UPDATE SET failures = failures + 1, last_failure_at = $now
                RETURNING failures
                """, transaction)
            .With("$s", subject).With("$now", SqliteExtensions.Time(now));
        var failures = Convert.ToInt32(upsert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset? locked = null;
        if (failures >= freeFailures)
        {
            var minutes = Math.Min(Math.Pow(2, Math.Min(failures - freeFailures, 20)), maxLock.TotalMinutes);
            locked = now + TimeSpan.FromMinutes(minutes);
            using var lockUpdate = connection.Command("UPDATE login_failures SET locked_until = $until WHERE subject = $s", transaction)
                .With("$until", SqliteExtensions.Time(locked.Value)).With("$s", subject);
            lockUpdate.ExecuteNonQuery();
        }
        transaction.Commit();
        return locked;
    }

    public void Clear(string subject)
    {
        using var connection = database.Connect();
        using var delete = connection.Command("DELETE FROM login_failures WHERE subject = $s").With("$s", subject);
        delete.ExecuteNonQuery();
    }
}
