namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>
/// One agent on the dashboard. <see cref="Last"/>: its latest snapshot (null if none); <see cref="BytesChange"/>:
/// the latest snapshot's size minus the one before (null without two); <see cref="Overdue"/>: active and no snapshot
/// for longer than <see cref="ExpectedInterval"/> plus a quarter of it (counted from enrolment when it has none).
/// </summary>
public sealed record AgentDashboardRow(
    string Id, string Name, string Host, string? Group, DateTimeOffset EnrolledAt, DateTimeOffset? LastSeenAt, DateTimeOffset? RevokedAt,
    TimeSpan ExpectedInterval, SnapshotFacts? Last, long? BytesChange, bool Overdue);
