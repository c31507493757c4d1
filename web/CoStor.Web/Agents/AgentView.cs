namespace CoStor.Web.Agents;

/// <summary>One PC: what it is, its snapshots newest first, and (operators) rename, group, interval and revoke.</summary>
public sealed record AgentView(PageFrame Frame, AgentDetail Agent, IReadOnlyList<SnapshotRow> Snapshots, bool CanManage, IReadOnlyList<string> Groups,
    string? Error, string? Notice);
