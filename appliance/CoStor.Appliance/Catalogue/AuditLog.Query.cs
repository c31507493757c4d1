using System.Text;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>Reading the audit log: filtered pages for the audit page, the CSV export, verification.</summary>
public sealed partial class AuditLog
{
    /// <summary>A page of entries matching <paramref name="query"/>, newest first.</summary>
    public AuditPage Query(AuditQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, AuditQuery.MaxLimit);
        using var connection = database.Connect();
        using var command = Filtered(connection, query, query.Before, "id DESC", limit + 1);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
            entries.Add(AuditRow.Read(reader).ToEntry());
        if (entries.Count <= limit)
            return new AuditPage(entries, null);
        entries.RemoveAt(limit);
        return new AuditPage(entries, entries[^1].Id);
    }

    /// <summary>
    /// Writes every entry matching <paramref name="filter"/>, oldest first, to <paramref name="output"/> as CSV
    /// (<see cref="AuditCsv"/>), row by row as it is read; the hash column lets a saved export anchor the chain.
    /// Leaves the stream open.
    /// </summary>
    public async Task ExportCsvAsync(AuditQuery filter, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(AuditCsv.Header);
        using var connection = database.Connect();
        using var command = Filtered(connection, filter, null, "id", null);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            await writer.WriteAsync(AuditCsv.Line(AuditRow.Read(reader)).AsMemory(), cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Walks the whole chain (<see cref="AuditVerifier"/>); <paramref name="exported"/> is a head saved earlier, if any.</summary>
    public AuditVerification Verify(AuditAnchor? exported = null)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        return AuditVerifier.Verify(connection, transaction, exported);
    }

    private static SqliteCommand Filtered(SqliteConnection connection, AuditQuery query, long? before, string order, int? limit)
    {
        var where = new List<string>();
        var command = connection.CreateCommand();
        if (query.Actor is { } actor)
        {
            where.Add("actor = $actor");
            command.With("$actor", actor);
        }
        if (query.ActionPrefix is { Length: > 0 } prefix)
        {
            // A range rather than LIKE, so the action index serves it and '%' or '_' in the prefix mean themselves.
            where.Add("action >= $prefix AND action < $prefixEnd");
            command.With("$prefix", prefix).With("$prefixEnd", prefix[..^1] + (char)(prefix[^1] + 1));
        }
        if (query.From is { } from)
        {
            where.Add("at >= $from");
            command.With("$from", SqliteExtensions.Time(from));
        }
        if (query.To is { } to)
        {
            where.Add("at < $to");
            command.With("$to", SqliteExtensions.Time(to));
        }
        if (before is { } cursor)
        {
            where.Add("id < $before");
            command.With("$before", cursor);
        }
        command.CommandText = $"SELECT {AuditRow.Columns} FROM audit_log" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                              $" ORDER BY {order}" + (limit is { } n ? $" LIMIT {n}" : "");
        return command;
    }
}
