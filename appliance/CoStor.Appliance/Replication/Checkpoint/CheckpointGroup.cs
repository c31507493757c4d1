namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>An <c>agent_groups</c> row; its id is kept because agents and grants refer to it.</summary>
public sealed record CheckpointGroup(long Id, string Name, string CreatedAt);
