using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>
/// The read side of the dashboard and agent list: one pass over the agents with each one's latest two snapshots
/// (an index seek each), totals, the storage trend and backup calendars. All reads of one call share a read
/// transaction, so the figures agree with each other. "Now" is the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class DashboardQueries(CatalogueDatabase database, TimeProvider time)
{
    /// <summary>How far past its expected interval an agent may go before it counts as overdue, as a fraction of the interval.</summary>
    public const double OverdueSlack = 0.25;

    public DashboardSummary Summary(DashboardRequest request)
    {
        var zone = request.Zone ?? TimeZoneInfo.Utc;
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        var all = Rows(connection, transaction, null);
        var rows = request.VisibleAgents is { } visible ? all.Where(r => visible.Contains(r.Id)).ToList() : all;
        var totals = Totals(connection, transaction, all);
        var problems = new List<DashboardProblem>();
        if (request.CapacityBytes is > 0 and var capacity && totals.StoredBytes >= capacity * request.NearlyFullFraction)
            problems.Add(new DashboardProblem(DashboardProblemKind.StorageNearlyFull, null, null, null,
                $"storage is {100.0 * totals.StoredBytes / capacity:0}% full ({Size(totals.StoredBytes)} of {Size(capacity)})"));
        problems.AddRange(AgentProblems(rows));
        return new DashboardSummary(problems, rows, totals, Trend(connection, transaction, zone, DashboardRequest.TrendDays));
    }

    /// <summary>The agent list, searched and sorted as <paramref name="query"/> asks.</summary>
    public IReadOnlyList<AgentDashboardRow> Agents(AgentListQuery query)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        IEnumerable<AgentDashboardRow> rows = Rows(connection, transaction, query.Search);
        if (query.VisibleAgents is { } visible)
            rows = rows.Where(r => visible.Contains(r.Id));
        if (query.Group is { } group)
            rows = rows.Where(r => string.Equals(r.Group, group.Trim(), StringComparison.OrdinalIgnoreCase));
        return Sorted(rows, query.Sort, query.Descending);
    }

    private static List<AgentDashboardRow> Sorted(IEnumerable<AgentDashboardRow> rows, AgentSort sort, bool descending)
    {
        Func<AgentDashboardRow, DateTimeOffset?> key = sort switch
        {
            AgentSort.LastSeen => r => r.LastSeenAt,
            AgentSort.LastBackup => r => r.Last?.FinishedAt,
            _ => _ => null,
        };
        var byName = rows.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal);
        if (sort == AgentSort.Name)
            return [.. descending ? byName.Reverse() : byName];
        // Agents without the date last in both directions; ties keep name order.
        var dated = byName.Where(r => key(r) is not null);
        var ordered = descending ? dated.OrderByDescending(r => key(r)) : dated.OrderBy(r => key(r));
        return [.. ordered, .. byName.Where(r => key(r) is null)];
    }

    private List<AgentDashboardRow> Rows(SqliteConnection connection, SqliteTransaction transaction, string? search)
    {
        using var command = connection.Command(
            """
            SELECT a.id, a.name, a.host, g.name, a.enrolled_at, a.last_seen_at, a.revoked_at, a.expected_interval_minutes,
                   l.id, l.finished_at, l.status, l.bytes, l.new_bytes, l.files, l.unreadable,
                   (SELECT p.bytes FROM snapshots p WHERE p.agent_id = a.id AND (p.finished_at < l.finished_at OR (p.finished_at = l.finished_at AND p.id < l.id))
                    ORDER BY p.finished_at DESC, p.id DESC LIMIT 1)
            FROM agents a
            LEFT JOIN agent_groups g ON g.id = a.group_id
            LEFT JOIN snapshots l ON l.id = (SELECT s.id FROM snapshots s WHERE s.agent_id = a.id ORDER BY s.finished_at DESC, s.id DESC LIMIT 1)
            WHERE $search IS NULL OR a.name LIKE $search ESCAPE '\' OR a.host LIKE $search ESCAPE '\'
            """, transaction).With("$search", search is { Length: > 0 } ? "%" + EscapeLike(search.Trim()) + "%" : null);
        using var reader = command.ExecuteReader();
        var now = time.GetUtcNow();
        var rows = new List<AgentDashboardRow>();
        while (reader.Read())
            rows.Add(Row(reader, now));
        return rows;
    }

    private static AgentDashboardRow Row(SqliteDataReader reader, DateTimeOffset now)
    {
        var interval = TimeSpan.FromMinutes(reader.GetInt64(7));
        var enrolled = reader.ReadTime(4);
        var revoked = reader.IsDBNull(6) ? (DateTimeOffset?)null : reader.ReadTime(6);
        var last = reader.IsDBNull(8) ? null : new SnapshotFacts(reader.GetString(8), reader.ReadTime(9), reader.GetString(10),
            reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14));
        long? change = last is not null && !reader.IsDBNull(15) ? last.Bytes - reader.GetInt64(15) : null;
        var overdue = revoked is null && now - (last?.FinishedAt ?? enrolled) > interval * (1 + OverdueSlack);
        return new AgentDashboardRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            enrolled, reader.IsDBNull(5) ? null : reader.ReadTime(5), revoked, interval, last, change, overdue);
    }

    /// <summary>Overdue agents (longest first), then those never backed up, then those whose latest snapshot is partial.</summary>
    private IEnumerable<DashboardProblem> AgentProblems(IReadOnlyList<AgentDashboardRow> rows)
    {
        var now = time.GetUtcNow();
        var overdue = rows.Where(r => r.Overdue).ToList();
        foreach (var row in overdue.Where(r => r.Last is not null).OrderBy(r => r.Last!.FinishedAt))
            yield return new DashboardProblem(DashboardProblemKind.Overdue, row.Id, row.Name, row.Last!.FinishedAt,
                $"{row.Name}: no backup for {Span(now - row.Last.FinishedAt)} (expected every {Span(row.ExpectedInterval)})");
        foreach (var row in overdue.Where(r => r.Last is null).OrderBy(r => r.EnrolledAt))
            yield return new DashboardProblem(DashboardProblemKind.NeverBackedUp, row.Id, row.Name, row.EnrolledAt,
                $"{row.Name}: never backed up (enrolled {Span(now - row.EnrolledAt)} ago)");
        foreach (var row in rows.Where(r => r.RevokedAt is null && r.Last?.Status == CoStor.Core.Protocol.SnapshotRecord.Partial).OrderByDescending(r => r.Last!.Unreadable))
            yield return new DashboardProblem(DashboardProblemKind.LastSnapshotPartial, row.Id, row.Name, row.Last!.FinishedAt,
                $"{row.Name}: the latest backup was partial ({row.Last.Unreadable} entries unreadable)");
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static string Span(TimeSpan span) => span.TotalDays >= 2 ? $"{(int)span.TotalDays} days"
        : span.TotalHours >= 2 ? $"{(int)span.TotalHours} hours"
        : $"{Math.Max(1, (int)span.TotalMinutes)} minutes";

    private static string Size(long bytes) => bytes >= 1L << 40 ? $"{bytes / (double)(1L << 40):0.0} TiB"
        : bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.0} GiB"
        : $"{bytes / (double)(1L << 20):0.0} MiB";
}
