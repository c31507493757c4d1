using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>Totals, and figures by day: the storage trend and backup calendars, counted in the caller's time zone.</summary>
public sealed partial class DashboardQueries
{
    /// <summary>Each agent's last <paramref name="days"/> days (oldest first, today last), by agent id; only <paramref name="visible"/> agents when given.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CalendarDay>> Calendars(int days = DashboardRequest.CalendarDays, TimeZoneInfo? zone = null,
        IReadOnlySet<string>? visible = null) => CalendarsFor(null, days, zone ?? TimeZoneInfo.Utc, visible);

    /// <summary>One agent's last <paramref name="days"/> days, oldest first (every day present, <see cref="BackupDayState.None"/> when it made no snapshot).</summary>
    public IReadOnlyList<CalendarDay> Calendar(string agentId, int days = DashboardRequest.CalendarDays, TimeZoneInfo? zone = null) =>
        CalendarsFor(agentId, days, zone ?? TimeZoneInfo.Utc, null).GetValueOrDefault(agentId) ?? Empty(Days(zone ?? TimeZoneInfo.Utc, days));

    private Dictionary<string, IReadOnlyList<CalendarDay>> CalendarsFor(string? agentId, int days, TimeZoneInfo zone, IReadOnlySet<string>? visible)
    {
        var window = Days(zone, days);
        var starts = Starts(window, zone);
        using var connection = database.Connect();
        var states = new Dictionary<string, BackupDayState[]>(StringComparer.Ordinal);
        using (var agents = connection.Command("SELECT id FROM agents WHERE $agent IS NULL OR id = $agent").With("$agent", agentId))
        using (var reader = agents.ExecuteReader())
        {
            while (reader.Read())
                if (visible is null || visible.Contains(reader.GetString(0)))
                    states[reader.GetString(0)] = new BackupDayState[window.Length];
        }
        using (var snapshots = connection.Command(
                   "SELECT agent_id, finished_at, status FROM snapshots WHERE finished_at >= $start AND ($agent IS NULL OR agent_id = $agent)")
                   .With("$start", starts[0]).With("$agent", agentId))
        using (var reader = snapshots.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!states.TryGetValue(reader.GetString(0), out var agentDays) || Index(starts, reader.GetString(1)) is not { } day)
                    continue;
                var state = reader.GetString(2) == CoStor.Core.Protocol.SnapshotRecord.Complete ? BackupDayState.Complete : BackupDayState.Partial;
                if (agentDays[day] != BackupDayState.Complete)
                    agentDays[day] = state;
            }
        }
        return states.ToDictionary(p => p.Key, p => (IReadOnlyList<CalendarDay>)[.. window.Select((d, i) => new CalendarDay(d, p.Value[i]))], StringComparer.Ordinal);
    }

    private static DashboardTotals Totals(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AgentDashboardRow> rows)
    {
        long stored, logical, snapshots;
        using (var packs = connection.Command("SELECT coalesce(sum(size), 0) FROM packs", transaction))
            stored = Convert.ToInt64(packs.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using (var all = connection.Command("SELECT coalesce(sum(bytes), 0), count(*) FROM snapshots", transaction))
        using (var reader = all.ExecuteReader())
        {
            reader.Read();
            (logical, snapshots) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return new DashboardTotals(rows.Count, rows.Count(r => r.RevokedAt is null), snapshots, stored, logical,
            rows.Sum(r => r.Last?.Bytes ?? 0), stored > 0 ? (double)logical / stored : 0);
    }

    /// <summary>Stored pack bytes at the end of each of the last <paramref name="days"/> days, and new bytes by day.</summary>
    private List<StoragePoint> Trend(SqliteConnection connection, SqliteTransaction transaction, TimeZoneInfo zone, int days)
    {
        var window = Days(zone, days);
        var starts = Starts(window, zone);
        var start = starts[0];
        var stored = new long[window.Length];
        var added = new long[window.Length];
        long before;
        using (var earlier = connection.Command("SELECT coalesce(sum(size), 0) FROM packs WHERE created_at < $start", transaction).With("$start", start))
            before = Convert.ToInt64(earlier.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Accumulate(connection, transaction, "SELECT created_at, size FROM packs WHERE created_at >= $start", starts, stored);
        Accumulate(connection, transaction, "SELECT finished_at, new_bytes FROM snapshots WHERE finished_at >= $start", starts, added);
        var points = new List<StoragePoint>(window.Length);
        for (var i = 0; i < window.Length; i++)
        {
            before += stored[i];
            points.Add(new StoragePoint(window[i], before, added[i]));
        }
        return points;
    }

    private static void Accumulate(SqliteConnection connection, SqliteTransaction transaction, string sql, string[] starts, long[] sums)
    {
        using var command = connection.Command(sql, transaction).With("$start", starts[0]);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            if (Index(starts, reader.GetString(0)) is { } day)
                sums[day] += reader.GetInt64(1);
    }

    /// <summary>The last <paramref name="count"/> days in <paramref name="zone"/>, today last.</summary>
    private DateOnly[] Days(TimeZoneInfo zone, int count)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        return [.. Enumerable.Range(0, Math.Max(1, count)).Select(i => today.AddDays(i - Math.Max(1, count) + 1))];
    }

    /// <summary>When <paramref name="day"/> begins in <paramref name="zone"/> (an hour later where a clock change skips midnight).</summary>
    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(midnight) ? midnight.AddHours(1) : midnight, zone);
    }

    /// <summary>
    /// When each day of <paramref name="window"/> begins, as stored time text, and the end of the last: stored times
    /// are fixed-width ISO 8601 UTC, so a row finds its day by comparing text, without parsing (18,000 rows a summary).
    /// </summary>
    private static string[] Starts(DateOnly[] window, TimeZoneInfo zone) =>
        [.. window.Append(window[^1].AddDays(1)).Select(day => SqliteExtensions.Time(Start(day, zone)))];

    /// <summary>The index of the day <paramref name="storedTime"/> falls in, or null outside the window.</summary>
    private static int? Index(string[] starts, string storedTime)
    {
        var found = Array.BinarySearch(starts, storedTime, StringComparer.Ordinal);
        var index = found >= 0 ? found : ~found - 1;
        return index >= 0 && index < starts.Length - 1 ? index : null;
    }

    private static IReadOnlyList<CalendarDay> Empty(DateOnly[] window) => [.. window.Select(d => new CalendarDay(d, BackupDayState.None))];
}
