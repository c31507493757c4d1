using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Walks the audit chain in id order and reports the first broken link: a row without a hash, a gap in the ids
/// (deleted entries), a time earlier than the entry before (reordered), a hash that does not match its row and
/// predecessor (edited, or moved), then the tail against the anchor (newest entries deleted, rows added around the
/// log) and against a head exported earlier. What it cannot see is in docs/design.md, "Audit log".
/// </summary>
internal static class AuditVerifier
{
    public static AuditVerification Verify(SqliteConnection connection, SqliteTransaction transaction, AuditAnchor? exported)
    {
        var previous = AuditChain.Genesis();
        AuditRow? last = null;
        long count = 0;
        byte[]? exportedSeen = null;
        using (var select = connection.Command($"SELECT {AuditRow.Columns} FROM audit_log ORDER BY id", transaction))
        using (var reader = select.ExecuteReader())
        {
            // One row of lookahead: a row that fails its hash while the next one fits its place was moved (reordered).
            var next = reader.Read() ? AuditRow.Read(reader) : null;
            while (next is not null)
            {
                var row = next;
                next = reader.Read() ? AuditRow.Read(reader) : null;
                if (Link(row, last, previous, next) is { } broken)
                    return new AuditVerification(count, Head(last, previous, count), broken);
                previous = row.Hash!;
                last = row;
                count++;
                if (exported is not null && row.Id == exported.LastId)
                    exportedSeen = row.Hash;
            }
        }
        var head = Head(last, previous, count);
        var problem = Tail(last, count, AuditChain.ReadAnchor(connection, transaction)) ?? Exported(exported, exportedSeen, last);
        return new AuditVerification(count, head, problem);
    }

    private static string? Link(AuditRow row, AuditRow? before, byte[] previous, AuditRow? next)
    {
        var expectedId = (before?.Id ?? 0) + 1;
        if (row.Hash is null)
            return $"{row.Describe()}: has no hash (written around the audit log)";
        if (row.Id != expectedId)
            return row.Id == expectedId + 1
                ? $"{row.Describe()}: entry {expectedId} before it is missing (deleted entry detected)"
                : $"{row.Describe()}: entries {expectedId}..{row.Id - 1} before it are missing (deleted entries detected)";
        if (before is not null && string.CompareOrdinal(row.At, before.At) < 0)
            return $"{row.Describe()}: recorded before entry {before.Id} that precedes it (reordered)";
        if (CryptographicOperations.FixedTimeEquals(AuditChain.Hash(previous, row), row.Hash))
            return null;
        var moved = next?.Hash is { } nextHash &&
                    (string.CompareOrdinal(next.At, row.At) < 0 || CryptographicOperations.FixedTimeEquals(AuditChain.Hash(previous, next with { Id = row.Id }), nextHash));
        return moved ? $"{row.Describe()}: out of order with entry {next!.Id} (reordered)" : $"{row.Describe()}: hash does not match";
    }

    private static string? Tail(AuditRow? last, long count, AuditAnchor? anchor)
    {
        if (anchor is null)
            return last is null ? null : $"the chain's anchor is missing (the log holds {count} entries up to entry {last.Id})";
        var lastId = last?.Id ?? 0;
        if (anchor.LastId > lastId)
            return $"entries {lastId + 1}..{anchor.LastId} are missing at the end (the anchor records {anchor.Count} entries up to entry {anchor.LastId})";
        if (anchor.LastId < lastId)
            return $"{last!.Describe()}: entries after {anchor.LastId} were written around the audit log (the anchor ends at entry {anchor.LastId})";
        if (!CryptographicOperations.FixedTimeEquals(anchor.Hash, last!.Hash))
            return $"{last.Describe()}: hash does not match the anchor";
        return anchor.Count == count ? null : $"the anchor records {anchor.Count} entries, the log holds {count}";
    }

    private static string? Exported(AuditAnchor? exported, byte[]? seen, AuditRow? last)
    {
        if (exported is null)
            return null;
        if (seen is null)
            return $"entry {exported.LastId} of the exported head is missing (the log ends at entry {last?.Id ?? 0})";
        return CryptographicOperations.FixedTimeEquals(seen, exported.Hash) ? null : $"entry {exported.LastId}: hash does not match the exported head";
    }

    private static AuditAnchor? Head(AuditRow? last, byte[] hash, long count) => last is null ? null : new AuditAnchor(last.Id, count, hash);
}
