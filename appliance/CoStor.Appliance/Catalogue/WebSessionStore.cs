using System.Security.Cryptography;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Signed-in browser sessions. The cookie carries 32 random bytes; the catalogue keeps their SHA-256, who, when and
/// from where. A session ends at its absolute expiry, after <see cref="IdleLimit"/> without a request, on sign-out,
/// when revoked, when its user is disabled, or when the user's password changes after it began. The user's role is
/// read with the session on every request, so a role change applies at once.
/// </summary>
public sealed class WebSessionStore(CatalogueDatabase database, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(60);

    /// <summary>last_seen_at is written at most this often, so reading pages does not write on every request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session for <paramref name="userName"/> and returns the cookie value (base64url).</summary>
    public string Start(string userName, string? address)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        using var insert = connection.Command(
                "INSERT INTO web_sessions (id_hash, user_name, created_at, last_seen_at, expires_at, address) VALUES ($id, $user, $now, $now, $expires, $address)")
            .With("$id", SHA256.HashData(secret)).With("$user", userName).With("$now", SqliteExtensions.Time(now))
            .With("$expires", SqliteExtensions.Time(now + Lifetime)).With("$address", address);
        insert.ExecuteNonQuery();
        return Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The live session's user and role for a cookie value, or null (unknown, ended, or user disabled).</summary>
    public WebSession? Find(string cookieValue)
    {
        if (HashOf(cookieValue) is not { } hash)
            return null;
        var now = time.GetUtcNow();
        using var connection = database.Connect();
        using var select = connection.Command(
            """
            SELECT s.user_name, u.role, s.last_seen_at, s.expires_at FROM web_sessions s JOIN users u ON u.name = s.user_name
            WHERE s.id_hash = $id AND s.revoked_at IS NULL AND u.disabled_at IS NULL
              AND (u.password_changed_at IS NULL OR s.created_at >= u.password_changed_at)
            """).With("$id", hash);
        WebSession session;
        DateTimeOffset lastSeen, expires;
        // The reader is closed before the touch: a write from a connection that still holds a read snapshot fails at
        // once with SQLITE_BUSY (no busy wait) whenever another connection wrote meanwhile.
        using (var reader = select.ExecuteReader())
        {
            if (!reader.Read())
                return null;
            session = new WebSession(hash, reader.GetString(0), reader.GetString(1));
            (lastSeen, expires) = (reader.ReadTime(2), reader.ReadTime(3));
        }
        if (now >= expires || now - lastSeen >= IdleLimit)
            return null;
        if (now - lastSeen >= TouchInterval)
        {
            using var touch = connection.Command("UPDATE web_sessions SET last_seen_at = $now WHERE id_hash = $id")
                .With("$now", SqliteExtensions.Time(now)).With("$id", hash);
            touch.ExecuteNonQuery();
        }
        return session;
    }

    /// <summary>Ends one session (sign-out).</summary>
    public void End(byte[] idHash) => Revoke("id_hash = $id", idHash);

    /// <summary>Ends every session of a user (disabled, password reset, role changed); returns how many.</summary>
    public int EndAllOf(string userName) => Revoke("user_name = $id", userName);

    private int Revoke(string where, object key)
    {
        using var connection = database.Connect();
        using var update = connection.Command($"UPDATE web_sessions SET revoked_at = $now WHERE {where} AND revoked_at IS NULL")
            .With("$now", SqliteExtensions.Time(time.GetUtcNow())).With("$id", key);
        return update.ExecuteNonQuery();
    }

    private static byte[]? HashOf(string cookieValue)
    {
        if (cookieValue.Length != 43)
            return null;
        Span<byte> secret = stackalloc byte[32];
        var base64 = cookieValue.Replace('-', '+').Replace('_', '/') + "=";
        return Convert.TryFromBase64String(base64, secret, out var written) && written == 32 ? SHA256.HashData(secret) : null;
    }
}
