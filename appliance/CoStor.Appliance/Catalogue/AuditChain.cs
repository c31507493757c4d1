using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The audit log's hash chain (format in docs/design.md, "Audit log"):
/// <c>hash = SHA-256(previous hash ‖ canonical(id, at, actor, action, target, detail, address, outcome))</c>, the
/// first entry's previous hash being 32 zero bytes. Canonical: id as i64 big-endian, then each field as a byte 0
/// (null) or 1 followed by its UTF-8 length (u32 big-endian) and bytes; <c>at</c> is the stored text.
/// The head (last id, count, hash) is kept in <c>audit_anchor</c>, written with every append.
/// </summary>
internal static class AuditChain
{
    public const int HashLength = 32;

    public static byte[] Genesis() => new byte[HashLength];

    public static byte[] Hash(ReadOnlySpan<byte> previous, AuditRow row)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, row.Id);
        hash.AppendData(number);
        foreach (var field in new[] { row.At, row.Actor, row.Action, row.Target, row.Detail, row.Address, row.Outcome })
            AppendField(hash, field);
        return hash.GetHashAndReset();
    }

    private static void AppendField(IncrementalHash hash, string? field)
    {
        Span<byte> header = stackalloc byte[5];
        if (field is null)
        {
            hash.AppendData(header[..1]);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(field);
        header[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)bytes.Length);
        hash.AppendData(header);
        hash.AppendData(bytes);
    }

    /// <summary>The head appends chain from: the anchor's, or — if the anchor row is gone — the last row's.</summary>
    public static AuditAnchor? ReadAnchor(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.Command("SELECT last_id, entry_count, hash FROM audit_anchor WHERE id = 1", transaction);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AuditAnchor(reader.GetInt64(0), reader.GetInt64(1), (byte[])reader.GetValue(2)) : null;
    }

    public static void WriteAnchor(SqliteConnection connection, SqliteTransaction? transaction, AuditAnchor anchor)
    {
        using var command = connection.Command(
                "INSERT INTO audit_anchor (id, last_id, entry_count, hash) VALUES (1, $last, $count, $hash) " +
                "ON CONFLICT (id) DO UPDATE SET last_id = excluded.last_id, entry_count = excluded.entry_count, hash = excluded.hash", transaction)
            .With("$last", anchor.LastId).With("$count", anchor.Count).With("$hash", anchor.Hash);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Chains the rows written before the chain existed (run once, by migration 004, in its transaction): each row,
    /// in id order, is hashed onto the one before, and the anchor is set to the last.
    /// </summary>
    public static void ChainExisting(SqliteConnection connection, SqliteTransaction transaction)
    {
        var rows = new List<AuditRow>();
        using (var select = connection.Command($"SELECT {AuditRow.Columns} FROM audit_log ORDER BY id", transaction))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
                rows.Add(AuditRow.Read(reader));
        }
        var previous = Genesis();
        foreach (var row in rows)
        {
            previous = Hash(previous, row);
            using var update = connection.Command("UPDATE audit_log SET hash = $hash WHERE id = $id", transaction).With("$hash", previous).With("$id", row.Id);
            update.ExecuteNonQuery();
        }
        if (rows.Count > 0)
            WriteAnchor(connection, transaction, new AuditAnchor(rows[^1].Id, rows.Count, previous));
    }
}
