namespace CoStor.Web.Agents;

public sealed record AgentListRow(string Id, string Name, string Host, string? Group, DateTimeOffset? LastSeenAt,
    DateTimeOffset? LastBackupAt, string? LastStatus, bool Revoked);
