namespace CoStor.Core.Protocol;

/// <summary>A backup session: its start is appliance time, so an agent cannot back-date a snapshot.</summary>
public sealed record SessionResponse(string SessionId, DateTimeOffset StartedAt);
