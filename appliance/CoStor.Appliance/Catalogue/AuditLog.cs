using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Append-only, hash-chained record of every action by a person or an agent (chain: <see cref="AuditChain"/>).
/// Nothing deletes from it. Appends are serialised by SQLite's write lock: the head is read and the entry and new
/// head written in one write transaction — the caller's (which must already hold the write lock: opened with
/// <c>BEGIN IMMEDIATE</c>, the default of <c>BeginTransaction()</c>, or after a write) or one of its own — so the
/// chain stays linear with any number of concurrent writers.
/// </summary>
public sealed partial class AuditLog(CatalogueDatabase database, TimeProvider time)
{
    /// <summary>Records an action that succeeded, with no client address (the form existing callers use).</summary>
    public void Record(string actor, string action, string? target = null, string? detail = null, SqliteConnection? connection = null, SqliteTransaction? transaction = null) =>
        Record(new AuditEvent(actor, action, target, detail), connection, transaction);

    /// <summary>Records <paramref name="entry"/>; inside <paramref name="transaction"/> when given, so it commits or rolls back with the change.</summary>
    public void Record(AuditEvent entry, SqliteConnection? connection = null, SqliteTransaction? transaction = null)
    {
        if (connection is not null && transaction is not null)
        {
            Append(connection, transaction, entry);
            return;
        }
        var owned = connection is null ? database.Connect() : null;
        try
        {
            var target = connection ?? owned!;
            using var own = target.BeginTransaction(deferred: false);
            Append(target, own, entry);
            own.Commit();
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private void Append(SqliteConnection connection, SqliteTransaction transaction, AuditEvent entry)
    {
        var head = AuditChain.ReadAnchor(connection, transaction);
        long lastRow;
        using (var max = connection.Command("SELECT coalesce(max(id), 0) FROM audit_log", transaction))
            lastRow = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        // Chained from the anchor, so a deleted tail stays visible as a gap; ids never collide with a row that is there.
        var previous = head?.Hash ?? LastHash(connection, transaction, lastRow);
        var row = new AuditRow(Math.Max(head?.LastId ?? 0, lastRow) + 1, SqliteExtensions.Time(time.GetUtcNow()), entry.Actor, entry.Action,
            entry.Target, entry.Detail, entry.Address, entry.Outcome, null);
        var hash = AuditChain.Hash(previous, row);
        var count = (head?.Count ?? RowCount(connection, transaction)) + 1;
        using (var insert = connection.Command(
                   "INSERT INTO audit_log (id, at, actor, action, target, detail, address, outcome, hash) " +
                   "VALUES ($id, $at, $actor, $action, $target, $detail, $address, $outcome, $hash)", transaction)
                   .With("$id", row.Id).With("$at", row.At).With("$actor", row.Actor).With("$action", row.Action).With("$target", row.Target)
                   .With("$detail", row.Detail).With("$address", row.Address).With("$outcome", row.Outcome).With("$hash", hash))
            insert.ExecuteNonQuery();
        AuditChain.WriteAnchor(connection, transaction, new AuditAnchor(row.Id, count, hash));
    }

    private static long RowCount(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.Command("SELECT count(*) FROM audit_log", transaction);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] LastHash(SqliteConnection connection, SqliteTransaction transaction, long lastRow)
    {
        using var command = connection.Command("SELECT hash FROM audit_log WHERE id = $id", transaction).With("$id", lastRow);
        return command.ExecuteScalar() is byte[] hash ? hash : AuditChain.Genesis();
    }

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    public IReadOnlyList<AuditEntry> Recent(int limit) => Query(new AuditQuery(Limit: limit)).Entries;

    /// <summary>The chain's head as last appended (null while the log is empty), for exporting as an outside anchor.</summary>
    public AuditAnchor? Head()
    {
        using var connection = database.Connect();
        return AuditChain.ReadAnchor(connection, null);
    }
}
