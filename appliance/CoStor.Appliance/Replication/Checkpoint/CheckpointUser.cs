namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A <c>users</c> row with its grants (agent ids, group ids).</summary>
public sealed record CheckpointUser(
    string Name, string Role, string PasswordHash, string CreatedAt, string? PasswordChangedAt, string? DisabledAt,
    IReadOnlyList<string> AgentGrants, IReadOnlyList<long> GroupGrants);
