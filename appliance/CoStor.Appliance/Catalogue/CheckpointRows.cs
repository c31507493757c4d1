using CoStor.Appliance.Replication.Checkpoint;

namespace CoStor.Appliance.Catalogue;

/// <summary>The catalogue rows of a checkpoint, as <see cref="CheckpointTables.Read"/> found them in one read transaction.</summary>
public sealed record CheckpointRows(
    IReadOnlyList<CheckpointAgent> Agents,
    IReadOnlyList<CheckpointGroup> Groups,
    IReadOnlyList<CheckpointUser> Users,
    IReadOnlyList<CheckpointSession> Sessions,
    IReadOnlyList<CheckpointSnapshot> Snapshots,
    IReadOnlyList<CheckpointPack> Packs,
    IReadOnlyList<CheckpointRetirement> Retired);
