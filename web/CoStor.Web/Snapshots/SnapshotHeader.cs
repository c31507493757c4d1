namespace CoStor.Web.Snapshots;

/// <summary>
/// Which snapshot a browser page is in: the PC, when it finished, how it went. <see cref="Site"/> is set for a peer
/// site's snapshot (remote restore): every link then stays below <c>/sites/{site}/</c>.
/// </summary>
public sealed record SnapshotHeader(string Id, string AgentId, string AgentName, string Host, DateTimeOffset FinishedAt, string Status, string? Site = null)
{
    /// <summary>Where links start: "" for this site, <c>/sites/{site}</c> for a peer's.</summary>
    public string Prefix => Site is null ? "" : "/sites/" + Uri.EscapeDataString(Site);

    /// <summary>The snapshot's pages: <c>{Base}?path=</c>, <c>{Base}/file</c>, <c>{Base}/archive</c>, ….</summary>
    public string Base => SnapshotBase(Id);

    public string SnapshotBase(string snapshotId) => $"{Prefix}/snapshots/{Uri.EscapeDataString(snapshotId)}";

    public string AgentsHref => Prefix + "/agents";

    /// <summary>The PC's page here; for a peer's PC, its entry in the site's PC list.</summary>
    public string AgentHref => Site is null ? "/agents/" + Uri.EscapeDataString(AgentId) : $"{AgentsHref}#agent-{AgentId}";
}
