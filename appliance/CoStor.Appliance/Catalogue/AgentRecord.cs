namespace CoStor.Appliance.Catalogue;

/// <summary>An enrolled agent (a PC), as the catalogue keeps it.</summary>
public sealed record AgentRecord(string Id, string Name, string Host)
{
    public DateTimeOffset EnrolledAt { get; init; }

    /// <summary>When it last called the appliance (kept to the minute), null if never.</summary>
    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>When an admin revoked it; its credential is refused from then on.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The group it is in ("Room 12"), null if none; an agent is in at most one group.</summary>
    public string? Group { get; init; }

    /// <summary>How often it should back up; the dashboard calls it overdue some time after this has passed without a snapshot.</summary>
    public TimeSpan ExpectedInterval { get; init; } = TimeSpan.FromDays(1);
}
