using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>
/// Recomputes the whole audit chain and its anchor from docs/design.md ("Audit log") alone — what someone with write
/// access to the catalogue and the format could do. Written independently of the appliance's code, so a test that
/// verifies its output also checks that the documented format is the one implemented.
/// </summary>
internal static class AuditChainForger
{
    public static void Rechain(CatalogueDatabase database)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        var rows = new List<(long Id, string?[] Fields)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, at, actor, action, target, detail, address, outcome FROM audit_log ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                rows.Add((reader.GetInt64(0), [.. Enumerable.Range(1, 7).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))]));
        }
        var previous = new byte[32];
        foreach (var (id, fields) in rows)
        {
            var canonical = new List<byte>(previous);
            var number = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(number, id);
            canonical.AddRange(number);
            foreach (var field in fields)
            {
                if (field is null)
                {
                    canonical.Add(0);
                    continue;
                }
                var bytes = Encoding.UTF8.GetBytes(field);
                var length = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
                canonical.Add(1);
                canonical.AddRange(length);
                canonical.AddRange(bytes);
            }
            previous = SHA256.HashData([.. canonical]);
            Run(connection, transaction, "UPDATE audit_log SET hash = $hash WHERE id = $id", ("$hash", previous), ("$id", id));
        }
        Run(connection, transaction, "INSERT OR REPLACE INTO audit_anchor (id, last_id, entry_count, hash) VALUES (1, $last, $count, $hash)",
            ("$last", rows[^1].Id), ("$count", rows.Count), ("$hash", previous));
        transaction.Commit();
    }

    private static void Run(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
