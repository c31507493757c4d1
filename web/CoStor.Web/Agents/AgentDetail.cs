namespace CoStor.Web.Agents;

public sealed record AgentDetail(string Id, string Name, string Host, string? Group, DateTimeOffset EnrolledAt, DateTimeOffset? LastSeenAt,
    DateTimeOffset? RevokedAt, int ExpectedIntervalHours);
