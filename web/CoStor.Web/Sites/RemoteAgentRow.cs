using CoStor.Web.Agents;

namespace CoStor.Web.Sites;

/// <summary>A peer site's PC as its checkpoint holds it, with its snapshots newest first.</summary>
public sealed record RemoteAgentRow(string Id, string Name, string Host, string? Group, DateTimeOffset? RevokedAt, IReadOnlyList<SnapshotRow> Snapshots);
