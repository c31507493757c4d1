namespace CoStor.Web.Sites;

/// <summary>An unlocked peer site's PCs and their snapshots (<c>/sites/{site}/agents</c>).</summary>
public sealed record RemoteAgentsView(PageFrame Frame, string Site, IReadOnlyList<RemoteAgentRow> Agents)
{
    public string Prefix => "/sites/" + Uri.EscapeDataString(Site);
}
