namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A <c>sessions</c> row that committed a snapshot (snapshots refer to their session).</summary>
public sealed record CheckpointSession(string Id, string AgentId, string StartedAt, string SnapshotId);
