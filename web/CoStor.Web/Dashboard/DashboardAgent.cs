using CoStor.Web.Charts;

namespace CoStor.Web.Dashboard;

/// <summary>A PC on the dashboard: its last backup, size and change, whether it is overdue, and its last 30 days.</summary>
public sealed record DashboardAgent(string Id, string Name, string? Group, DateTimeOffset? LastBackupAt, string? Status, long? Bytes, long? Change,
    bool Overdue, bool Revoked, IReadOnlyList<CalendarDay> Calendar);
