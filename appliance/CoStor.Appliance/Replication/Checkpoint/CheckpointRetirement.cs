namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A signed retention decision: the owner retired <see cref="Pack"/> at <see cref="RetiredAt"/> (none are made yet).</summary>
public sealed record CheckpointRetirement(string Pack, DateTimeOffset RetiredAt);
