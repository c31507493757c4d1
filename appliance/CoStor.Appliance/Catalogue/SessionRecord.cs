namespace CoStor.Appliance.Catalogue;

public sealed record SessionRecord(string Id, string AgentId, DateTimeOffset StartedAt, string? SnapshotId);
