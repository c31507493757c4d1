namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A signed retention decision: the owner retired <see cref="Pack"/> at <see cref="RetiredAt"/> (a <c>retired_packs</c> row).</summary>
public sealed record CheckpointRetirement(string Pack, DateTimeOffset RetiredAt);
