namespace CoStor.Web.Snapshots;

/// <summary>Which snapshot a browser page is in: the PC, when it finished, how it went.</summary>
public sealed record SnapshotHeader(string Id, string AgentId, string AgentName, string Host, DateTimeOffset FinishedAt, string Status);
